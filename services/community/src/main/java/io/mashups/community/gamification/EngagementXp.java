package io.mashups.community.gamification;

import io.mashups.community.gamification.XpLog.Award;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * XP from what analytics-ingest counts: likes and comments a creator's mashup receives, plays of it (at most 100 XP a
 * local day), followers gained; the viral-hit badge; the week's plays and likes. Likes, comments and followers pay on
 * new highs of their totals only (an unlike and a like again pays nothing, and totals learnt out of order pay the
 * same); plays pay their delta, on the creator's local day of the window's end. The week's figures add the deltas
 * (likes net of unlikes), which events applied in any order add up to the same.
 */
@ApplicationScoped
public class EngagementXp implements EventHandler {
    private static final String HIGH = "SELECT high FROM engagement_highs WHERE subject = ?1 AND metric = ?2";
    private static final String RAISE = """
            INSERT INTO engagement_highs (subject, metric, high) VALUES (?1, ?2, ?3)
            ON CONFLICT (subject, metric) DO UPDATE SET high = excluded.high""";

    private final EventDelivery delivery;
    private final XpLog log;

    public EngagementXp(EventDelivery delivery, XpLog log) {
        this.delivery = delivery;
        this.log = log;
    }

    @Override
    public String name() {
        return "engagement-xp";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ENGAGEMENT);
    }

    @Incoming("engagement-xp")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        EngagementV1 engagement = event.dataAs(EventCatalog.ENGAGEMENT);
        String creator = engagement.creatorId();
        if (creator == null || engagement.totals() == null) {
            return Uni.createFrom().voidItem();
        }
        EngagementV1.Counts delta = engagement.delta() == null ? EngagementV1.Counts.NONE : engagement.delta();
        Instant at = engagement.windowEnd() == null ? event.time() : engagement.windowEnd();
        return log.lock(creator, at).chain(() -> log.zones(creator)).chain(zones -> {
            LocalDate day = zones.day(at);
            LocalDate week = ZoneHistory.weekOf(day);
            if (EngagementV1.CREATOR.equals(engagement.scope())) {
                Paid followers = new Paid(creator, "creator:" + creator, creator, event.id(), day, at);
                return onHigh(followers, "followers", engagement.totals().followers(), XpRule.FOLLOWER_GAINED);
            }
            String mashup = engagement.mashupId();
            Paid paid = new Paid(creator, "mashup:" + mashup, mashup, event.id(), day, at);
            return onHigh(paid, "likes", engagement.totals().likes(), XpRule.LIKE_RECEIVED)
                    .chain(() -> onHigh(paid, "comments", engagement.totals().comments(), XpRule.COMMENT_RECEIVED))
                    .chain(() -> log.weekly(creator, week, 0, Math.max(0, delta.plays()), delta.likes()))
                    .chain(() -> delta.plays() <= 0
                            ? Uni.createFrom().voidItem()
                            : log.playXpOn(creator, day)
                                    .chain(earned -> log.award(
                                            paid.award(XpRule.MASHUP_PLAYED, XpRule.playXp(delta.plays(), earned))))
                                    .replaceWithVoid())
                    .chain(() -> engagement.totals().plays() >= Badge.VIRAL_PLAYS
                            ? log.badge(creator, Badge.VIRAL_HIT, paid.subject(), at)
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem());
        });
    }

    /** XP one engagement event pays a creator about a subject (a mashup of theirs, or themselves). */
    private record Paid(String creator, String subject, String reference, String source, LocalDate day, Instant at) {
        Award award(XpRule rule, int amount) {
            return new Award(creator, rule, amount, source, reference, day, at);
        }
    }

    /** Pays the rule's XP for each unit the subject's total of a metric rises above its highest yet. */
    private Uni<Void> onHigh(Paid paid, String metric, long total, XpRule rule) {
        return gained(paid.subject(), metric, total)
                .chain(gained -> log.award(paid.award(rule, (int) Math.min(Integer.MAX_VALUE, gained * rule.xp()))))
                .replaceWithVoid();
    }

    /** Raises the subject's high of a metric to {@code total}; answers by how much (0 when not a new high). */
    private static Uni<Long> gained(String subject, String metric, long total) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(HIGH, Long.class)
                        .setParameter(1, subject)
                        .setParameter(2, metric)
                        .getResultList()
                        .chain(highs -> {
                            long high = highs.isEmpty() ? 0 : highs.get(0);
                            if (total <= high) {
                                return Uni.createFrom().item(0L);
                            }
                            return session.createNativeQuery(RAISE)
                                    .setParameter(1, subject)
                                    .setParameter(2, metric)
                                    .setParameter(3, total)
                                    .executeUpdate()
                                    .replaceWith(total - high);
                        }));
    }
}
