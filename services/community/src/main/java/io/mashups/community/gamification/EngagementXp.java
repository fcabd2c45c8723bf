package io.mashups.community.gamification;

import io.mashups.community.gamification.XpLog.Award;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * XP from what analytics-ingest counts: likes and comments a creator's mashup receives, plays of it (at most 100 XP a
 * local day), followers gained; the viral-hit badge; the week's plays and likes. Likes, comments and followers pay on
 * new highs of their totals only (an unlike and a like again pays nothing, and totals learnt out of order pay the
 * same); plays pay their delta, on the creator's local day of the window's end. The week's figures add the deltas
 * (likes net of unlikes), which events applied in any order add up to the same.
 *
 * <p>A batch's events are applied per creator together, with what applying them one by one adds up to: the highest
 * total of each subject, the plays of each local day topped to the cap once, the week's sums. Each award's source is
 * the last event of its group (an event is applied once, so a group's last event is its own).
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
    Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return delivery.applyAll(this, batch);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        return applyAll(List.of(event));
    }

    /** One engagement event as this handler reads it. */
    private record Engagement(String eventId, EngagementV1 data, EngagementV1.Counts delta, Instant at) {
        boolean ofCreator() {
            return EngagementV1.CREATOR.equals(data.scope());
        }
    }

    @Override
    public Uni<Void> applyAll(List<CloudEvent> events) {
        Map<String, List<Engagement>> byCreator = events.stream()
                .map(event -> {
                    EngagementV1 data = event.dataAs(EventCatalog.ENGAGEMENT);
                    return new Engagement(
                            event.id(),
                            data,
                            data.delta() == null ? EngagementV1.Counts.NONE : data.delta(),
                            data.windowEnd() == null ? event.time() : data.windowEnd());
                })
                .filter(e -> e.data().creatorId() != null && e.data().totals() != null)
                .filter(e -> e.ofCreator() || e.data().mashupId() != null)
                .collect(Collectors.groupingBy(e -> e.data().creatorId(), LinkedHashMap::new, Collectors.toList()));
        return each(byCreator.entrySet(), entry -> creator(entry.getKey(), entry.getValue()));
    }

    private Uni<Void> creator(String creator, List<Engagement> engagements) {
        Instant last = engagements.get(engagements.size() - 1).at();
        return log.lock(creator, last).chain(() -> log.zones(creator)).chain(zones -> {
            Uni<Void> followers = engagements.stream().anyMatch(Engagement::ofCreator)
                    ? onHigh(
                            creator,
                            "creator:" + creator,
                            creator,
                            engagements.stream().filter(Engagement::ofCreator).toList(),
                            "followers",
                            counts -> counts.followers(),
                            XpRule.FOLLOWER_GAINED,
                            zones)
                    : Uni.createFrom().voidItem();
            List<Engagement> ofMashups =
                    engagements.stream().filter(e -> !e.ofCreator()).toList();
            Map<String, List<Engagement>> byMashup = ofMashups.stream()
                    .collect(Collectors.groupingBy(e -> e.data().mashupId(), LinkedHashMap::new, Collectors.toList()));
            Map<LocalDate, List<Engagement>> byDay = ofMashups.stream()
                    .collect(Collectors.groupingBy(e -> zones.day(e.at()), LinkedHashMap::new, Collectors.toList()));
            Map<LocalDate, List<Engagement>> byWeek = ofMashups.stream()
                    .collect(Collectors.groupingBy(e -> zones.week(e.at()), LinkedHashMap::new, Collectors.toList()));
            return followers
                    .chain(() -> each(
                            byMashup.entrySet(), mashup -> mashup(creator, mashup.getKey(), mashup.getValue(), zones)))
                    .chain(() -> each(byDay.entrySet(), day -> plays(creator, day.getKey(), day.getValue())))
                    .chain(() -> each(
                            byWeek.entrySet(),
                            week -> log.weekly(
                                    creator,
                                    week.getKey(),
                                    0,
                                    week.getValue().stream()
                                            .mapToLong(
                                                    e -> Math.max(0, e.delta().plays()))
                                            .sum(),
                                    week.getValue().stream()
                                            .mapToLong(e -> e.delta().likes())
                                            .sum())));
        });
    }

    private Uni<Void> mashup(String creator, String mashup, List<Engagement> engagements, ZoneHistory zones) {
        String subject = "mashup:" + mashup;
        Uni<Void> viral = engagements.stream().anyMatch(e -> e.data().totals().plays() >= Badge.VIRAL_PLAYS)
                ? log.badge(creator, Badge.VIRAL_HIT, subject, last(engagements).at())
                        .replaceWithVoid()
                : Uni.createFrom().voidItem();
        return onHigh(creator, subject, mashup, engagements, "likes", c -> c.likes(), XpRule.LIKE_RECEIVED, zones)
                .chain(() -> onHigh(
                        creator,
                        subject,
                        mashup,
                        engagements,
                        "comments",
                        c -> c.comments(),
                        XpRule.COMMENT_RECEIVED,
                        zones))
                .chain(() -> viral);
    }

    /** The day's plays, topped up to what the day's cap still allows. */
    private Uni<Void> plays(String creator, LocalDate day, List<Engagement> engagements) {
        long plays = engagements.stream().mapToLong(e -> e.delta().plays()).sum();
        if (plays <= 0) {
            return Uni.createFrom().voidItem();
        }
        Engagement last = last(engagements);
        return log.playXpOn(creator, day)
                .chain(earned -> log.award(new Award(
                        creator,
                        XpRule.MASHUP_PLAYED,
                        XpRule.playXp(plays, earned),
                        last.eventId(),
                        last.data().mashupId(),
                        day,
                        last.at())))
                .replaceWithVoid();
    }

    /** Pays the rule's XP for each unit the subject's highest total of a metric rises above its highest yet. */
    private Uni<Void> onHigh(
            String creator,
            String subject,
            String reference,
            List<Engagement> engagements,
            String metric,
            Function<EngagementV1.Counts, Long> total,
            XpRule rule,
            ZoneHistory zones) {
        long highest = engagements.stream()
                .mapToLong(e -> total.apply(e.data().totals()))
                .max()
                .orElse(0);
        Engagement last = last(engagements);
        return gained(subject, metric, highest)
                .chain(gained -> log.award(new Award(
                        creator,
                        rule,
                        (int) Math.min(Integer.MAX_VALUE, gained * rule.xp()),
                        last.eventId(),
                        reference,
                        zones.day(last.at()),
                        last.at())))
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

    private static Engagement last(List<Engagement> engagements) {
        return engagements.get(engagements.size() - 1);
    }

    /** One after another: a reactive session runs one statement at a time. */
    private static <T> Uni<Void> each(Iterable<T> items, Function<T, Uni<?>> step) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> step.apply(item).replaceWithVoid())
                .collect()
                .last()
                .replaceWithVoid();
    }
}
