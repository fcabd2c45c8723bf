package io.mashups.audio.publish;

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

/** Renders each project the studio publishes ({@code studio.project-published}) as a mashup. */
@ApplicationScoped
public class Publications implements EventHandler {
    private final EventDelivery delivery;
    private final MixdownJob mixdown;

    public Publications(EventDelivery delivery, MixdownJob mixdown) {
        this.delivery = delivery;
        this.mixdown = mixdown;
    }

    @Override
    public String name() {
        return "publications";
    }

    @Incoming("publications")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.PROJECT_PUBLISHED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        return mixdown.enqueue(event.dataAs(EventCatalog.PROJECT_PUBLISHED)).replaceWithVoid();
    }
}
