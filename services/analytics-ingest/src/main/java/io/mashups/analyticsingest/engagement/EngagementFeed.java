package io.mashups.analyticsingest.engagement;

import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.events.analytics.EngagementV1.Counts;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes {@code analytics.engagement}, debounced: every {@code mashups.analytics.engagement.every}, for each mashup
 * and creator whose rollups changed since, the totals and what changed since the previous event of the subject. A
 * mashup's change is also its creator's. Subjects the mashup projection does not know yet wait for it (a day at most).
 * The events go through the outbox in the transaction that records them as published: each change is said once.
 */
@ApplicationScoped
public class EngagementFeed {
    private static final int BATCH = 500;
    private static final String TAKE = """
            DELETE FROM engagement_pending WHERE (scope, subject) IN (
                SELECT scope, subject FROM engagement_pending ORDER BY since LIMIT ?1 FOR UPDATE SKIP LOCKED)
            RETURNING scope, subject, since""";
    private static final String MASHUP_TOTALS = """
            SELECT k.id, k.owner_id, coalesce(sum(d.plays), 0), coalesce(max(l.listeners), 0), coalesce(sum(d.likes), 0),
                coalesce(sum(d.share_count), 0), coalesce(sum(d.comments), 0)
            FROM known_mashups k LEFT JOIN mashup_days d ON d.mashup_id = k.id
                LEFT JOIN mashup_listeners l ON l.mashup_id = k.id
            WHERE k.id = ANY(?1) GROUP BY k.id, k.owner_id""";
    private static final String CREATOR_TOTALS = """
            SELECT c.id,
                (SELECT coalesce(sum(d.plays), 0) FROM mashup_days d JOIN known_mashups k ON k.id = d.mashup_id
                    WHERE k.owner_id = c.id),
                (SELECT coalesce(sum(l.listeners), 0) FROM mashup_listeners l JOIN known_mashups k
                    ON k.id = l.mashup_id WHERE k.owner_id = c.id),
                (SELECT coalesce(sum(d.likes), 0) FROM mashup_days d JOIN known_mashups k ON k.id = d.mashup_id
                    WHERE k.owner_id = c.id),
                (SELECT coalesce(sum(d.share_count), 0) FROM mashup_days d JOIN known_mashups k
                    ON k.id = d.mashup_id WHERE k.owner_id = c.id),
                (SELECT coalesce(sum(d.comments), 0) FROM mashup_days d JOIN known_mashups k ON k.id = d.mashup_id
                    WHERE k.owner_id = c.id),
                (SELECT coalesce(sum(f.followers), 0) FROM creator_days f WHERE f.creator_id = c.id)
            FROM unnest(CAST(?1 AS text[])) AS c(id)""";
    private static final String PUBLISHED = """
            SELECT scope, subject, plays, unique_listeners, likes, shares, comments, followers, published_at
            FROM engagement_published WHERE scope = ?1 AND subject = ANY(?2)""";
    private static final String RECORD = """
            INSERT INTO engagement_published (scope, subject, plays, unique_listeners, likes, shares, comments,
                followers, published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (scope, subject) DO UPDATE SET plays = excluded.plays,
                unique_listeners = excluded.unique_listeners, likes = excluded.likes, shares = excluded.shares,
                comments = excluded.comments, followers = excluded.followers, published_at = excluded.published_at""";
    private static final String WAIT = """
            INSERT INTO engagement_pending (scope, subject, since) VALUES (?1, ?2, ?3)
            ON CONFLICT (scope, subject) DO NOTHING""";

    private static final Logger LOG = Logger.getLogger(EngagementFeed.class);

    private final Outbox outbox;

    public EngagementFeed(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${mashups.analytics.engagement.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publish()
                .onFailure()
                .invoke(failure -> LOG.warnf(failure, "engagement not published, next round retries"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One round: publishes what changed; the number of events published. */
    public Uni<Integer> publish() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(TAKE, Object[].class)
                        .setParameter(1, BATCH)
                        .getResultList()
                        .chain(rows -> round(session, rows))));
    }

    private record Subject(String scope, String id) {}

    private record Totals(String mashupId, String creatorId, Counts counts) {}

    private Uni<Integer> round(Mutiny.Session session, List<Object[]> taken) {
        if (taken.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<Subject, Instant> since = new LinkedHashMap<>();
        taken.forEach(row -> since.put(new Subject((String) row[0], (String) row[1]), instant(row[2])));
        String[] mashups = ids(since, EngagementV1.MASHUP);
        return session.createNativeQuery(MASHUP_TOTALS, Object[].class)
                .setParameter(1, mashups)
                .getResultList()
                .chain(mashupRows -> {
                    Map<Subject, Totals> totals = new LinkedHashMap<>();
                    for (Object[] row : mashupRows) {
                        totals.put(
                                new Subject(EngagementV1.MASHUP, (String) row[0]),
                                new Totals(
                                        (String) row[0],
                                        (String) row[1],
                                        new Counts(n(row[2]), n(row[3]), n(row[4]), n(row[5]), n(row[6]), 0)));
                        // the creator's totals include this mashup's
                        Subject creator = new Subject(EngagementV1.CREATOR, (String) row[1]);
                        since.merge(
                                creator,
                                since.get(new Subject(EngagementV1.MASHUP, (String) row[0])),
                                (a, b) -> a.isBefore(b) ? a : b);
                    }
                    String[] creators = ids(since, EngagementV1.CREATOR);
                    return session.createNativeQuery(CREATOR_TOTALS, Object[].class)
                            .setParameter(1, creators)
                            .getResultList()
                            .map(creatorRows -> {
                                for (Object[] row : creatorRows) {
                                    totals.put(
                                            new Subject(EngagementV1.CREATOR, (String) row[0]),
                                            new Totals(
                                                    null,
                                                    (String) row[0],
                                                    new Counts(
                                                            n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]),
                                                            n(row[6]))));
                                }
                                return totals;
                            });
                })
                .chain(totals -> waitForUnknown(session, since, totals).replaceWith(totals))
                .chain(totals -> published(session, totals.keySet())
                        .chain(before -> publishChanged(session, since, totals, before)));
    }

    /** Mashups the projection does not know yet go back to wait, unless they have waited a day. */
    private static Uni<Void> waitForUnknown(
            Mutiny.Session session, Map<Subject, Instant> since, Map<Subject, Totals> known) {
        Instant giveUp = Instant.now().minusSeconds(86_400);
        List<Subject> waiting = since.keySet().stream()
                .filter(subject ->
                        !known.containsKey(subject) && since.get(subject).isAfter(giveUp))
                .toList();
        return Multi.createFrom()
                .iterable(waiting)
                .onItem()
                .transformToUniAndConcatenate(subject -> session.createNativeQuery(WAIT)
                        .setParameter(1, subject.scope())
                        .setParameter(2, subject.id())
                        .setParameter(3, since.get(subject).atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .collect()
                .last()
                .replaceWithVoid();
    }

    private record Published(Counts counts, Instant at) {}

    private static Uni<Map<Subject, Published>> published(Mutiny.Session session, Set<Subject> subjects) {
        Map<Subject, Published> published = new HashMap<>();
        Uni<Void> done = Uni.createFrom().voidItem();
        for (String scope : List.of(EngagementV1.MASHUP, EngagementV1.CREATOR)) {
            String[] ids = subjects.stream()
                    .filter(subject -> subject.scope().equals(scope))
                    .map(Subject::id)
                    .toArray(String[]::new);
            done = done.chain(() -> session.createNativeQuery(PUBLISHED, Object[].class)
                    .setParameter(1, scope)
                    .setParameter(2, ids)
                    .getResultList()
                    .invoke(rows -> rows.forEach(row -> published.put(
                            new Subject((String) row[0], (String) row[1]),
                            new Published(
                                    new Counts(n(row[2]), n(row[3]), n(row[4]), n(row[5]), n(row[6]), n(row[7])),
                                    instant(row[8])))))
                    .replaceWithVoid());
        }
        return done.replaceWith(published);
    }

    private Uni<Integer> publishChanged(
            Mutiny.Session session,
            Map<Subject, Instant> since,
            Map<Subject, Totals> totals,
            Map<Subject, Published> before) {
        Instant now = Instant.now();
        List<Uni<Void>> writes = new ArrayList<>();
        int[] published = {0};
        totals.forEach((subject, current) -> {
            Published previous = before.get(subject);
            Counts base = previous == null ? Counts.NONE : previous.counts();
            if (base.equals(current.counts())) {
                return;
            }
            Instant windowStart = previous != null ? previous.at() : since.getOrDefault(subject, now);
            EngagementV1 event = new EngagementV1(
                    subject.scope(),
                    current.mashupId(),
                    current.creatorId(),
                    current.counts(),
                    minus(current.counts(), base),
                    windowStart,
                    now);
            published[0]++;
            writes.add(outbox.add(EventCatalog.ENGAGEMENT, event.subject(), event)
                    .chain(() -> session.createNativeQuery(RECORD)
                            .setParameter(1, subject.scope())
                            .setParameter(2, subject.id())
                            .setParameter(3, current.counts().plays())
                            .setParameter(4, current.counts().uniqueListeners())
                            .setParameter(5, current.counts().likes())
                            .setParameter(6, current.counts().shares())
                            .setParameter(7, current.counts().comments())
                            .setParameter(8, current.counts().followers())
                            .setParameter(9, now.atOffset(ZoneOffset.UTC))
                            .executeUpdate())
                    .replaceWithVoid());
        });
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Uni<Void> write : writes) {
            all = all.chain(() -> write);
        }
        return all.replaceWith(() -> published[0]);
    }

    private static Counts minus(Counts a, Counts b) {
        return new Counts(
                a.plays() - b.plays(),
                a.uniqueListeners() - b.uniqueListeners(),
                a.likes() - b.likes(),
                a.shares() - b.shares(),
                a.comments() - b.comments(),
                a.followers() - b.followers());
    }

    private static String[] ids(Map<Subject, Instant> subjects, String scope) {
        Set<String> ids = new TreeSet<>();
        subjects.keySet().stream()
                .filter(subject -> subject.scope().equals(scope))
                .forEach(subject -> ids.add(subject.id()));
        return ids.toArray(String[]::new);
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime at ? at.toInstant() : (Instant) value;
    }
}
