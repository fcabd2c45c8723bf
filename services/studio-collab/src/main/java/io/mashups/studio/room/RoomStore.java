package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.document.ProjectDocument;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Rooms in Postgres: the op log, snapshots, how far the log is stored, and studio sessions. */
@ApplicationScoped
public class RoomStore {
    /** The initial snapshot of a new project (sequence -1), for a native query in the creating transaction. */
    public static final String INITIAL_SNAPSHOT =
            "INSERT INTO room_snapshots (project_id, seq, document) VALUES (?1, -1, ?2)";

    private final Pool pool;

    public RoomStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A room as stored: the latest snapshot, the ops after it, the last {@code window + 1} ops, and the stored position
     * (null when none was stored for this incarnation of the topic).
     */
    record Stored(
            boolean exists,
            String snapshot,
            long snapshotSeq,
            List<Room.Applied> replay,
            List<Room.Applied> tail,
            Long storedUpTo) {
        /** The document as of the last stored op: the snapshot with the ops after it applied. */
        ProjectDocument document() {
            ProjectDocument document = ProjectDocument.fromSnapshot(Wire.parse(snapshot));
            for (Room.Applied applied : replay) {
                JsonNode message = Wire.parse(applied.message());
                document.apply(message.get("op"), message.get("t").asLong());
            }
            return document;
        }

        long seq() {
            return replay.isEmpty()
                    ? snapshotSeq
                    : replay.get(replay.size() - 1).seq();
        }
    }

    /** One stored op (the broadcast message) and one snapshot, as the persister writes them. */
    record NewOp(String projectId, long seq, String message) {}

    record NewSnapshot(String projectId, long seq, String document) {}

    Uni<Stored> load(String projectId, String topic, String topicId, int partition, int window) {
        // the position first: every op before it is stored, whatever the persister commits while we read
        return pool.preparedQuery(
                        "SELECT next_offset FROM room_log_positions WHERE topic = $1 AND topic_id = $2 AND partition = $3")
                .execute(Tuple.of(topic, topicId, partition))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0))
                .chain(storedUpTo -> pool.preparedQuery(
                                "SELECT seq, document FROM room_snapshots WHERE project_id = $1 ORDER BY seq DESC LIMIT 1")
                        .execute(Tuple.of(projectId))
                        .chain(snapshots -> {
                            if (snapshots.size() == 0) {
                                return Uni.createFrom()
                                        .item(new Stored(false, null, Room.NOTHING, List.of(), List.of(), storedUpTo));
                            }
                            Row snapshot = snapshots.iterator().next();
                            long snapshotSeq = snapshot.getLong("seq");
                            return ops(
                                            pool,
                                            "SELECT seq, message FROM room_ops WHERE project_id = $1 AND seq > $2 ORDER BY seq",
                                            Tuple.of(projectId, snapshotSeq))
                                    .chain(replay -> ops(
                                                    pool,
                                                    "SELECT seq, message FROM (SELECT seq, message FROM room_ops WHERE project_id = $1 "
                                                            + "ORDER BY seq DESC LIMIT $2) latest ORDER BY seq",
                                                    Tuple.of(projectId, window + 1))
                                            .map(tail -> new Stored(
                                                    true,
                                                    snapshot.getString("document"),
                                                    snapshotSeq,
                                                    replay,
                                                    tail,
                                                    storedUpTo)));
                        }));
    }

    /** The persister's position per partition of the room log (this incarnation of the topic only). */
    Uni<List<long[]>> positions(String topic, String topicId) {
        return pool.preparedQuery(
                        "SELECT partition, next_offset FROM room_log_positions WHERE topic = $1 AND topic_id = $2")
                .execute(Tuple.of(topic, topicId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> new long[] {row.getInteger(0), row.getLong(1)})
                        .toList());
    }

    /**
     * Stores a batch from the log in one transaction: the applied ops, snapshots (keeping the last three and the ops
     * after the oldest of them), and the next offset per partition. Ops of projects deleted meanwhile are dropped.
     */
    Uni<Void> store(
            String topic, String topicId, List<NewOp> ops, List<NewSnapshot> snapshots, List<long[]> positions) {
        return pool.withTransaction(tx -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            if (!ops.isEmpty()) {
                chain = chain.chain(() -> tx.preparedQuery("INSERT INTO room_ops (project_id, seq, message) "
                                + "SELECT o.project_id, o.seq, o.message FROM unnest($1::text[], $2::bigint[], $3::text[]) AS o(project_id, seq, message) "
                                + "JOIN projects p ON p.id = o.project_id ON CONFLICT DO NOTHING")
                        .execute(Tuple.tuple()
                                .addArrayOfString(
                                        ops.stream().map(NewOp::projectId).toArray(String[]::new))
                                .addArrayOfLong(ops.stream().map(NewOp::seq).toArray(Long[]::new))
                                .addArrayOfString(
                                        ops.stream().map(NewOp::message).toArray(String[]::new))));
            }
            for (NewSnapshot snapshot : snapshots) {
                chain = chain.chain(() -> snapshot(tx, snapshot));
            }
            for (long[] position : positions) {
                chain = chain.chain(() -> tx.preparedQuery(
                                "INSERT INTO room_log_positions (topic, partition, next_offset, topic_id) VALUES ($1, $2, $3, $4) "
                                        + "ON CONFLICT (topic, partition) DO UPDATE SET next_offset = CASE "
                                        + "WHEN room_log_positions.topic_id IS DISTINCT FROM EXCLUDED.topic_id THEN EXCLUDED.next_offset "
                                        + "ELSE GREATEST(room_log_positions.next_offset, EXCLUDED.next_offset) END, "
                                        + "topic_id = EXCLUDED.topic_id, updated_at = now()")
                        .execute(Tuple.of(topic, (int) position[0], position[1], topicId)));
            }
            return chain.replaceWithVoid();
        });
    }

    private static Uni<Void> snapshot(SqlClient tx, NewSnapshot snapshot) {
        return tx.preparedQuery("INSERT INTO room_snapshots (project_id, seq, document) SELECT $1, $2, $3 WHERE EXISTS "
                        + "(SELECT 1 FROM projects WHERE id = $1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(snapshot.projectId(), snapshot.seq(), snapshot.document()))
                .chain(() -> tx.preparedQuery(
                                "SELECT seq FROM room_snapshots WHERE project_id = $1 ORDER BY seq DESC OFFSET 2 LIMIT 1")
                        .execute(Tuple.of(snapshot.projectId())))
                .chain(oldest -> {
                    if (oldest.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    long keepFrom = oldest.iterator().next().getLong(0);
                    return tx.preparedQuery("DELETE FROM room_snapshots WHERE project_id = $1 AND seq < $2")
                            .execute(Tuple.of(snapshot.projectId(), keepFrom))
                            .chain(() -> tx.preparedQuery("DELETE FROM room_ops WHERE project_id = $1 AND seq <= $2")
                                    .execute(Tuple.of(snapshot.projectId(), keepFrom)))
                            .replaceWithVoid();
                });
    }

    /** A member's role, or null for a non-member. */
    Uni<String> role(String projectId, String userId) {
        return pool.preparedQuery("SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2")
                .execute(Tuple.of(projectId, userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    Uni<Void> sessionOpened(Participant participant, String node) {
        return pool.preparedQuery(
                        "INSERT INTO project_sessions (id, project_id, user_id, node) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(participant.id(), participant.projectId(), participant.userId(), node))
                .replaceWithVoid();
    }

    Uni<Void> sessionClosed(String connectionId) {
        return pool.preparedQuery(
                        "UPDATE project_sessions SET is_active = false, left_at = now(), last_activity_at = now() WHERE id = $1")
                .execute(Tuple.of(connectionId))
                .replaceWithVoid();
    }

    /** Marks sessions as still there, with their latest cursor. */
    Uni<Void> sessionsActive(List<String> connectionIds, List<String> cursors) {
        if (connectionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(
                        "UPDATE project_sessions s SET last_activity_at = now(), cursor_position = COALESCE(u.cursor, s.cursor_position) "
                                + "FROM unnest($1::text[], $2::text[]) AS u(id, cursor) WHERE s.id = u.id")
                .execute(Tuple.tuple()
                        .addArrayOfString(connectionIds.toArray(String[]::new))
                        .addArrayOfString(cursors.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Users with a live studio session in a project and their last known presence (JSON, or null); sessions of a
     * crashed replica fade after {@code staleSeconds}.
     */
    public Uni<Map<String, String>> online(String projectId, long staleSeconds) {
        return pool.preparedQuery(
                        "SELECT DISTINCT ON (user_id) user_id, cursor_position FROM project_sessions WHERE project_id = $1 "
                                + "AND is_active AND last_activity_at > now() - make_interval(secs => $2) ORDER BY user_id, last_activity_at DESC")
                .execute(Tuple.of(projectId, (double) staleSeconds))
                .map(rows -> {
                    Map<String, String> online = new HashMap<>();
                    rows.forEach(row -> online.put(row.getString(0), row.getString(1)));
                    return online;
                });
    }

    private static Uni<List<Room.Applied>> ops(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(RoomStore::applied);
    }

    private static List<Room.Applied> applied(RowSet<Row> rows) {
        List<Room.Applied> ops = new ArrayList<>();
        rows.forEach(row -> ops.add(Room.Applied.of(row.getLong("seq"), row.getString("message"))));
        return ops;
    }
}
