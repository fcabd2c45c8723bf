package io.mashups.community.gamification;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventJson;
import io.mashups.events.EventType;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
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
 * the last event of its group (an event is applied once, so a group's last event is its own). The whole batch, every
 * creator in it, is a fixed number of statements: locks, zones, highs, the days' play XP, awards, badges, weeks.
 */
@ApplicationScoped
public class EngagementXp implements EventHandler {
    /** Raises each subject's high of a metric to the total given; answers the rises (the subjects that rose). */
    private static final String RAISE = """
            WITH wanted AS (
                SELECT * FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS w (subject text, metric text, total bigint)),
            known AS (
                SELECT w.subject, w.metric, w.total, coalesce(h.high, 0) AS high
                FROM wanted w LEFT JOIN engagement_highs h ON h.subject = w.subject AND h.metric = w.metric),
            raised AS (
                INSERT INTO engagement_highs (subject, metric, high)
                SELECT subject, metric, total FROM known WHERE total > high
                ON CONFLICT (subject, metric) DO UPDATE SET high = excluded.high)
            SELECT subject, metric, total - high FROM known WHERE total > high""";

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

    /** A total that pays its rule's XP per unit above the subject's highest yet, for the group's last event. */
    private record High(
            String creator,
            String subject,
            String metric,
            long total,
            XpRule rule,
            String reference,
            Engagement last) {}

    @Override
    public Uni<Void> applyAll(List<CloudEvent> events) {
        // parsing and grouping a batch take milliseconds: on a worker, not holding this event loop's requests
        return VertxContextSupport.executeBlocking(() -> byCreator(events)).chain(this::applyAll);
    }

    /** The events this handler counts, by creator. */
    private static Map<String, List<Engagement>> byCreator(List<CloudEvent> events) {
        return events.stream()
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
    }

    private Uni<Void> applyAll(Map<String, List<Engagement>> byCreator) {
        if (byCreator.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Instant> lastAt = new LinkedHashMap<>();
        byCreator.forEach(
                (creator, engagements) -> lastAt.put(creator, last(engagements).at()));
        return log.lock(lastAt).chain(() -> log.zones(byCreator.keySet())).chain(zones -> {
            List<High> highs = new ArrayList<>();
            Map<XpLog.UserDay, List<Engagement>> playDays = new LinkedHashMap<>();
            List<XpLog.Grant> viral = new ArrayList<>();
            List<XpLog.Week> weeks = new ArrayList<>();
            byCreator.forEach((creator, engagements) -> {
                ZoneHistory zone = zones.get(creator);
                List<Engagement> ofCreator =
                        engagements.stream().filter(Engagement::ofCreator).toList();
                if (!ofCreator.isEmpty()) {
                    highs.add(high(
                            creator,
                            "creator:" + creator,
                            creator,
                            ofCreator,
                            "followers",
                            EngagementV1.Counts::followers,
                            XpRule.FOLLOWER_GAINED));
                }
                List<Engagement> ofMashups =
                        engagements.stream().filter(e -> !e.ofCreator()).toList();
                ofMashups.stream()
                        .collect(Collectors.groupingBy(
                                e -> e.data().mashupId(), LinkedHashMap::new, Collectors.toList()))
                        .forEach((mashup, ofMashup) -> {
                            String subject = "mashup:" + mashup;
                            highs.add(high(
                                    creator,
                                    subject,
                                    mashup,
                                    ofMashup,
                                    "likes",
                                    EngagementV1.Counts::likes,
                                    XpRule.LIKE_RECEIVED));
                            highs.add(high(
                                    creator,
                                    subject,
                                    mashup,
                                    ofMashup,
                                    "comments",
                                    EngagementV1.Counts::comments,
                                    XpRule.COMMENT_RECEIVED));
                            if (ofMashup.stream()
                                    .anyMatch(e -> e.data().totals().plays() >= Badge.VIRAL_PLAYS)) {
                                viral.add(new XpLog.Grant(
                                        creator,
                                        Badge.VIRAL_HIT,
                                        subject,
                                        last(ofMashup).at()));
                            }
                        });
                ofMashups.stream()
                        .collect(Collectors.groupingBy(e -> zone.day(e.at()), LinkedHashMap::new, Collectors.toList()))
                        .forEach((day, ofDay) -> {
                            if (ofDay.stream().mapToLong(e -> e.delta().plays()).sum() > 0) {
                                playDays.put(new XpLog.UserDay(creator, day), ofDay);
                            }
                        });
                ofMashups.stream()
                        .collect(Collectors.groupingBy(e -> zone.week(e.at()), LinkedHashMap::new, Collectors.toList()))
                        .forEach((week, ofWeek) -> weeks.add(new XpLog.Week(
                                creator,
                                week,
                                0,
                                ofWeek.stream()
                                        .mapToLong(e -> Math.max(0, e.delta().plays()))
                                        .sum(),
                                ofWeek.stream()
                                        .mapToLong(e -> e.delta().likes())
                                        .sum())));
            });
            return raise(highs)
                    .chain(rises -> log.playXpOn(playDays.keySet()).chain(earned -> {
                        List<XpLog.Award> awards = new ArrayList<>();
                        for (High high : highs) {
                            Long rise = rises.get(List.of(high.subject(), high.metric()));
                            if (rise != null) {
                                Engagement last = high.last();
                                awards.add(new XpLog.Award(
                                        high.creator(),
                                        high.rule(),
                                        (int) Math.min(
                                                Integer.MAX_VALUE,
                                                rise * high.rule().xp()),
                                        last.eventId(),
                                        high.reference(),
                                        zones.get(high.creator()).day(last.at()),
                                        last.at()));
                            }
                        }
                        playDays.forEach((day, ofDay) -> {
                            Engagement last = last(ofDay);
                            long plays = ofDay.stream()
                                    .mapToLong(e -> e.delta().plays())
                                    .sum();
                            awards.add(new XpLog.Award(
                                    day.userId(),
                                    XpRule.MASHUP_PLAYED,
                                    XpRule.playXp(plays, earned.getOrDefault(day, 0)),
                                    last.eventId(),
                                    last.data().mashupId(),
                                    day.day(),
                                    last.at()));
                        });
                        return log.award(awards);
                    }))
                    .chain(() -> log.grant(viral))
                    .chain(() -> log.weekly(weeks));
        });
    }

    private static High high(
            String creator,
            String subject,
            String reference,
            List<Engagement> engagements,
            String metric,
            ToLongFunction<EngagementV1.Counts> total,
            XpRule rule) {
        long highest = engagements.stream()
                .mapToLong(e -> total.applyAsLong(e.data().totals()))
                .max()
                .orElse(0);
        return new High(creator, subject, metric, highest, rule, reference, last(engagements));
    }

    /**
     * Raises the highs, one statement for the batch: answers by how much each (subject, metric) rose. A subject
     * appears once (the creator's lock orders its highs); should two creators' events name one subject, the higher
     * total goes in.
     */
    private static Uni<Map<List<String>, Long>> raise(List<High> highs) {
        Map<List<String>, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (High high : highs) {
            wanted.merge(
                    List.of(high.subject(), high.metric()),
                    Map.of("subject", high.subject(), "metric", high.metric(), "total", high.total()),
                    (a, b) -> ((Long) a.get("total")) >= ((Long) b.get("total")) ? a : b);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RAISE, Object[].class)
                        .setParameter(1, EventJson.writeString(wanted.values()))
                        .getResultList())
                .map(rows -> {
                    Map<List<String>, Long> rises = new HashMap<>();
                    for (Object[] row : rows) {
                        rises.put(List.of((String) row[0], (String) row[1]), ((Number) row[2]).longValue());
                    }
                    return rises;
                });
    }

    private static Engagement last(List<Engagement> engagements) {
        return engagements.get(engagements.size() - 1);
    }
}
