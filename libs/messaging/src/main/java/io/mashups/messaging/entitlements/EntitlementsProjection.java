package io.mashups.messaging.entitlements;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link Entitlements} up to date from billing; its channel is on only in services that enforce tier limits
 * ({@code mashups.entitlements.projection.enabled}).
 */
@ApplicationScoped
public class EntitlementsProjection implements EventHandler {
    private final Entitlements entitlements;
    private final EventDelivery delivery;

    public EntitlementsProjection(Entitlements entitlements, EventDelivery delivery) {
        this.entitlements = entitlements;
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "entitlements-projection";
    }

    @Incoming("entitlements-projection")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ENTITLEMENTS);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        return entitlements.apply(event.dataAs(EventCatalog.ENTITLEMENTS));
    }
}
