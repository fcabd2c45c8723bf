package io.mashups.community.challenge;

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
 * Keeps challenge entries' engagement current from {@code analytics.engagement} (mashup scope): each window's deltas
 * (plays, likes net of unlikes, shares, comments) count for the active challenges the mashup is entered in when the
 * window ends after the submission and by the challenge's end, and in the frozen counts when it ends by the freeze.
 * Sums of deltas, each event applied once, come out the same in any order. Batches of events share a transaction.
 */
@ApplicationScoped
public class ChallengeScores implements EventHandler {
    private static final String ADD = """
            WITH open AS (
                SELECT c.id, c.freezes_at, c.ends_at FROM challenges c
                WHERE c.status = 'active' AND c.id IN (SELECT challenge_id FROM challenge_entries WHERE mashup_id = ?1)
                FOR SHARE)
            UPDATE challenge_entries e SET plays = e.plays + ?2, likes = e.likes + ?3, shares = e.shares + ?4,
                comments = e.comments + ?5,
                frozen_plays = e.frozen_plays + CASE WHEN ?6 <= o.freezes_at THEN ?2 ELSE 0 END,
                frozen_likes = e.frozen_likes + CASE WHEN ?6 <= o.freezes_at THEN ?3 ELSE 0 END,
                frozen_shares = e.frozen_shares + CASE WHEN ?6 <= o.freezes_at THEN ?4 ELSE 0 END,
                frozen_comments = e.frozen_comments + CASE WHEN ?6 <= o.freezes_at THEN ?5 ELSE 0 END
            FROM open o
            WHERE e.challenge_id = o.id AND e.mashup_id = ?1 AND ?6 > e.submitted_at AND ?6 <= o.ends_at""";

    private final EventDelivery delivery;

    public ChallengeScores(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "challenge-scores";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ENGAGEMENT);
    }

    @Incoming("challenge-scores")
    Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return delivery.applyAll(this, batch);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        EngagementV1 engagement = event.dataAs(EventCatalog.ENGAGEMENT);
        EngagementV1.Counts delta = engagement.delta();
        if (!EngagementV1.MASHUP.equals(engagement.scope())
                || engagement.mashupId() == null
                || delta == null
                || engagement.windowEnd() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ADD)
                        .setParameter(1, engagement.mashupId())
                        .setParameter(2, delta.plays())
                        .setParameter(3, delta.likes())
                        .setParameter(4, delta.shares())
                        .setParameter(5, delta.comments())
                        .setParameter(6, engagement.windowEnd().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }
}
