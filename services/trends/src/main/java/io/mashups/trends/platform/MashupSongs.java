package io.mashups.trends.platform;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.events.attribution.AttributionCompletedV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The songs creators use: attribution's findings for each rendered mashup ({@code attribution.completed} of subject
 * kind {@code mashup}). A later attribution of the same mashup replaces the earlier one.
 */
@ApplicationScoped
public class MashupSongs implements EventHandler {
    private static final String FORGET = "DELETE FROM mashup_songs WHERE mashup_id = ?1";
    private static final String ADD = "INSERT INTO mashup_songs (mashup_id, title, artist, identified_at) "
            + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

    private final EventDelivery delivery;

    public MashupSongs(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "mashup-songs";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ATTRIBUTION_COMPLETED);
    }

    @Incoming("mashup-songs")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        AttributionCompletedV1 completed = event.dataAs(EventCatalog.ATTRIBUTION_COMPLETED);
        if (!"mashup".equals(completed.subjectKind())) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Uni<Integer> done = session.createNativeQuery(FORGET)
                    .setParameter(1, completed.subjectId())
                    .executeUpdate();
            for (AttributionCompletedV1.Source source : completed.sources()) {
                if (source.title() == null || source.title().isBlank()) {
                    continue;
                }
                done = done.chain(() -> session.createNativeQuery(ADD)
                        .setParameter(1, completed.subjectId())
                        .setParameter(2, source.title())
                        .setParameter(3, source.artist() == null ? "" : source.artist())
                        .setParameter(4, event.time().atOffset(ZoneOffset.UTC))
                        .executeUpdate());
            }
            return done.replaceWithVoid();
        });
    }
}
