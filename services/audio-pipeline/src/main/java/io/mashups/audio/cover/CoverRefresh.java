package io.mashups.audio.cover;

import io.mashups.audio.mashup.Mashup;
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

/** Draws a mashup's default cover again when its title changes ({@code audio.mashup-changed}). */
@ApplicationScoped
public class CoverRefresh implements EventHandler {
    private final EventDelivery delivery;
    private final CoverService covers;

    public CoverRefresh(EventDelivery delivery, CoverService covers) {
        this.delivery = delivery;
        this.covers = covers;
    }

    @Override
    public String name() {
        return "cover-refresh";
    }

    @Incoming("cover-refresh")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.MASHUP_CHANGED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var changed = event.dataAs(EventCatalog.MASHUP_CHANGED);
        if (changed.deleted()) {
            return Uni.createFrom().voidItem();
        }
        return Mashup.<Mashup>findById(changed.mashupId())
                .chain(mashup -> mashup == null ? Uni.createFrom().voidItem() : covers.refresh(mashup));
    }
}
