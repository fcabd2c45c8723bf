package io.mashups.community.challenge;

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
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps challenge entries' engagement current from {@code analytics.engagement} (mashup scope): each window's deltas
 * (plays, likes net of unlikes, shares, comments) count for the active challenges the mashup is entered in when the
 * window ends after the submission and by the challenge's end, and in the frozen counts when it ends by the freeze.
 * Sums of deltas, each event applied once, come out the same in any order. A batch of events is one statement, in a
 * transaction that names this replica as the writer of the boards it changes (db/migration V11), so this replica's
 * copies of them do not reread what it handed them itself.
 */
@ApplicationScoped
public class ChallengeScores implements EventHandler {
    /** Every window of a batch at once: summed per entry, the frozen share apart (db/migration V7). */
    private static final String ADD = """
            WITH windows AS (
                SELECT * FROM json_to_recordset(cast(cast(?1 AS text) AS json))
                    AS w (mashup text, plays bigint, likes bigint, shares bigint, comments bigint, ends timestamptz)),
            open AS (
                SELECT c.id, c.freezes_at, c.ends_at FROM challenges c
                WHERE c.status = 'active' AND c.id IN (
                    SELECT challenge_id FROM challenge_entries WHERE mashup_id IN (SELECT mashup FROM windows))
                FOR SHARE),
            sums AS (
                SELECT e.id, sum(w.plays) AS plays, sum(w.likes) AS likes, sum(w.shares) AS shares,
                    sum(w.comments) AS comments,
                    sum(w.plays) FILTER (WHERE w.ends <= o.freezes_at) AS frozen_plays,
                    sum(w.likes) FILTER (WHERE w.ends <= o.freezes_at) AS frozen_likes,
                    sum(w.shares) FILTER (WHERE w.ends <= o.freezes_at) AS frozen_shares,
                    sum(w.comments) FILTER (WHERE w.ends <= o.freezes_at) AS frozen_comments
                FROM windows w JOIN challenge_entries e ON e.mashup_id = w.mashup JOIN open o ON o.id = e.challenge_id
                WHERE w.ends > e.submitted_at AND w.ends <= o.ends_at
                GROUP BY e.id)
            UPDATE challenge_entries e SET plays = e.plays + s.plays, likes = e.likes + s.likes,
                shares = e.shares + s.shares, comments = e.comments + s.comments,
                frozen_plays = e.frozen_plays + coalesce(s.frozen_plays, 0),
                frozen_likes = e.frozen_likes + coalesce(s.frozen_likes, 0),
                frozen_shares = e.frozen_shares + coalesce(s.frozen_shares, 0),
                frozen_comments = e.frozen_comments + coalesce(s.frozen_comments, 0), revision = e.revision + 1
            FROM sums s WHERE e.id = s.id
            RETURNING e.challenge_id, e.id, e.revision, e.plays, e.likes, e.shares, e.comments, e.score,
                e.frozen_plays, e.frozen_likes, e.frozen_shares, e.frozen_comments, e.frozen_score""";

    /** Names this replica as the writer of the transaction's board changes (until it ends). */
    private static final String WRITER = "SELECT set_config('mashups.board_writer', ?1, true)";

    private final EventDelivery delivery;
    private final ChallengeBoards boards;

    public ChallengeScores(EventDelivery delivery, ChallengeBoards boards) {
        this.delivery = delivery;
        this.boards = boards;
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
        return applyAll(List.of(event));
    }

    /**
     * One statement for the whole batch; sums of deltas are what applying them one by one adds up to. The entries it
     * updates go to the boards' copies.
     */
    @Override
    public Uni<Void> applyAll(List<CloudEvent> events) {
        // a batch's parsing and its copies' merge take milliseconds: on a worker, not holding this event loop's
        // requests
        return VertxContextSupport.executeBlocking(() -> windows(events))
                .chain(windows -> windows.isEmpty() ? Uni.createFrom().voidItem() : add(windows));
    }

    /** The mashups' windows of deltas among the events. */
    private static List<Window> windows(List<CloudEvent> events) {
        List<Window> windows = new ArrayList<>();
        for (CloudEvent event : events) {
            EngagementV1 engagement = event.dataAs(EventCatalog.ENGAGEMENT);
            EngagementV1.Counts delta = engagement.delta();
            if (EngagementV1.MASHUP.equals(engagement.scope())
                    && engagement.mashupId() != null
                    && delta != null
                    && engagement.windowEnd() != null) {
                windows.add(new Window(
                        engagement.mashupId(),
                        delta.plays(),
                        delta.likes(),
                        delta.shares(),
                        delta.comments(),
                        engagement.windowEnd()));
            }
        }
        return windows;
    }

    private Uni<Void> add(List<Window> windows) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(WRITER)
                        .setParameter(1, boards.writer())
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery(ADD)
                                .setParameter(1, EventJson.writeString(windows))
                                .getResultList()))
                .call(rows -> VertxContextSupport.executeBlocking(() -> {
                    long at = System.nanoTime();
                    List<ChallengeBoards.Change> changes = new ArrayList<>(rows.size());
                    for (Object updated : rows) {
                        Object[] row = (Object[]) updated;
                        changes.add(new ChallengeBoards.Change(
                                (String) row[0],
                                (String) row[1],
                                ((Number) row[2]).longValue(),
                                ChallengeBoards.Counts.of(row, 3),
                                ChallengeBoards.Counts.of(row, 8),
                                at));
                    }
                    boards.changed(changes);
                    return changes.size();
                }))
                .replaceWithVoid();
    }

    /** A window's deltas as the statement reads them (json_to_recordset's column names). */
    private record Window(String mashup, long plays, long likes, long shares, long comments, Instant ends) {}
}
