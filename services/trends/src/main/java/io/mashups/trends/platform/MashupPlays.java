package io.mashups.trends.platform;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Plays each mashup gained, from analytics-ingest's debounced engagement ({@code analytics.engagement}, scope
 * {@code mashup}): the delta of each window, which the rising chart adds up over its last day.
 */
@ApplicationScoped
public class MashupPlays implements EventHandler {
    private static final String GAINED = "INSERT INTO mashup_plays (mashup_id, window_end, plays) VALUES (?1, ?2, ?3) "
            + "ON CONFLICT (mashup_id, window_end) DO UPDATE SET plays = mashup_plays.plays + excluded.plays";

    private final EventDelivery delivery;

    public MashupPlays(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "mashup-plays";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ENGAGEMENT);
    }

    @Incoming("mashup-plays")
    Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return delivery.applyAll(this, batch);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        EngagementV1 engagement = event.dataAs(EventCatalog.ENGAGEMENT);
        if (!EngagementV1.MASHUP.equals(engagement.scope())
                || engagement.delta().plays() <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(GAINED)
                        .setParameter(1, engagement.mashupId())
                        .setParameter(2, engagement.windowEnd().atOffset(ZoneOffset.UTC))
                        .setParameter(3, engagement.delta().plays())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
