package io.mashups.audio.mashup;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each mashup's latest Content ID verdict; a verdict older than the stored one changes nothing. */
@ApplicationScoped
public class VerdictProjection implements EventHandler {
    private static final String UPSERT = """
            INSERT INTO mashup_verdicts (mashup_id, verdict, reason, claim_id, decided_at) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (mashup_id) DO UPDATE SET verdict = excluded.verdict, reason = excluded.reason,
                claim_id = excluded.claim_id, decided_at = excluded.decided_at
            WHERE mashup_verdicts.decided_at <= excluded.decided_at""";
    private final EventDelivery delivery;

    public VerdictProjection(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "content-id-verdicts";
    }

    @Incoming("content-id-verdicts")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ATTRIBUTION_VERDICT);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var verdict = event.dataAs(EventCatalog.ATTRIBUTION_VERDICT);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, verdict.mashupId())
                        .setParameter(2, verdict.verdict())
                        .setParameter(3, verdict.reason())
                        .setParameter(4, verdict.claimId())
                        .setParameter(5, verdict.decidedAt().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }
}
