package io.mashups.analyticsingest.rollup;

import io.mashups.events.EventJson;
import io.mashups.events.analytics.EngagementV1;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Materialises the rollup topic into the dashboards' tables: per batch, the last value of each key, upserted in one
 * transaction with the subjects whose engagement changed. Values are whole, so a batch applied twice (after a crash
 * before its offsets were committed) leaves the same rows. A failure is retried until Postgres is back; nothing is
 * skipped.
 */
@ApplicationScoped
public class RollupTables {
    private static final Logger LOG = Logger.getLogger(RollupTables.class);
    private static final String MASHUP_DAY = """
            INSERT INTO mashup_days (mashup_id, day, plays, listeners, sessions, listened_ms, length_ms,
                length_sessions, drop_off, sources, countries)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (mashup_id, day) DO UPDATE SET plays = excluded.plays, listeners = excluded.listeners,
                sessions = excluded.sessions, listened_ms = excluded.listened_ms, length_ms = excluded.length_ms,
                length_sessions = excluded.length_sessions, drop_off = excluded.drop_off, sources = excluded.sources,
                countries = excluded.countries""";
    private static final String LIKES = """
            INSERT INTO mashup_days (mashup_id, day, likes) VALUES ($1, $2, $3)
            ON CONFLICT (mashup_id, day) DO UPDATE SET likes = excluded.likes""";
    private static final String REACTIONS = """
            INSERT INTO mashup_days (mashup_id, day, shares, share_count, comments) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (mashup_id, day) DO UPDATE SET shares = excluded.shares, share_count = excluded.share_count,
                comments = excluded.comments""";
    private static final String MINUTE = """
            INSERT INTO mashup_minutes (mashup_id, minute, listeners) VALUES ($1, to_timestamp($2 * 60), $3)
            ON CONFLICT (mashup_id, minute) DO UPDATE SET listeners = excluded.listeners""";
    private static final String LISTENERS = """
            INSERT INTO mashup_listeners (mashup_id, listeners) VALUES ($1, $2)
            ON CONFLICT (mashup_id) DO UPDATE SET listeners = excluded.listeners""";
    private static final String FOLLOWERS = """
            INSERT INTO creator_days (creator_id, day, followers) VALUES ($1, $2, $3)
            ON CONFLICT (creator_id, day) DO UPDATE SET followers = excluded.followers""";
    private static final String PENDING = """
            INSERT INTO engagement_pending (scope, subject) SELECT $1, unnest($2::text[])
            ON CONFLICT DO NOTHING""";

    private final Pool pool;

    public RollupTables(Pool pool) {
        this.pool = pool;
    }

    @Incoming("rollup-tables")
    Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        // sorted: two instances upserting the same rows take their locks in the same order
        Map<String, byte[]> latest = new TreeMap<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            if (record.getKey() != null) {
                latest.put(record.getKey(), record.getPayload());
            }
        }
        return apply(latest)
                .onFailure()
                .invoke(failure -> LOG.warnf("rollups not stored, retrying: %s", failure.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Stores the latest value of each rollup key. */
    public Uni<Void> apply(Map<String, byte[]> latest) {
        Map<String, List<Tuple>> rows = new HashMap<>();
        Set<String> mashups = new TreeSet<>();
        Set<String> creators = new TreeSet<>();
        latest.forEach((key, value) -> {
            if (value == null || key.indexOf(' ') < 0) {
                LOG.warnf("skipping a rollup record without a kind: %s", key);
                return;
            }
            String[] parts = Keys.parts(key);
            String kind = parts[0];
            switch (kind) {
                case RollupTopology.MASHUP_DAY -> {
                    Tally day = EventJson.read(value, Tally.class);
                    rows.computeIfAbsent(MASHUP_DAY, k -> new ArrayList<>())
                            .add(Tuple.from(List.of(
                                    parts[1],
                                    LocalDate.parse(parts[2]),
                                    day.plays(),
                                    day.listeners(),
                                    day.sessions(),
                                    day.listenedMs(),
                                    day.lengthMs(),
                                    day.lengthSessions(),
                                    day.points().toArray(Long[]::new),
                                    json(day.sources()),
                                    json(day.countries()))));
                    mashups.add(parts[1]);
                }
                case RollupTopology.MASHUP_LIKES -> {
                    rows.computeIfAbsent(LIKES, k -> new ArrayList<>())
                            .add(Tuple.of(parts[1], LocalDate.parse(parts[2]), EventJson.read(value, Long.class)));
                    mashups.add(parts[1]);
                }
                case RollupTopology.MASHUP_REACTIONS -> {
                    Reactions reactions = EventJson.read(value, Reactions.class);
                    rows.computeIfAbsent(REACTIONS, k -> new ArrayList<>())
                            .add(Tuple.of(
                                    parts[1],
                                    LocalDate.parse(parts[2]),
                                    json(reactions.shares()),
                                    reactions.shareCount(),
                                    reactions.comments()));
                    mashups.add(parts[1]);
                }
                case RollupTopology.MASHUP_MINUTE ->
                    rows.computeIfAbsent(MINUTE, k -> new ArrayList<>())
                            .add(Tuple.of(parts[1], Long.parseLong(parts[2]), EventJson.read(value, Long.class)));
                case RollupTopology.MASHUP_LISTENERS -> {
                    rows.computeIfAbsent(LISTENERS, k -> new ArrayList<>())
                            .add(Tuple.of(parts[1], EventJson.read(value, Long.class)));
                    mashups.add(parts[1]);
                }
                case RollupTopology.CREATOR_FOLLOWERS -> {
                    rows.computeIfAbsent(FOLLOWERS, k -> new ArrayList<>())
                            .add(Tuple.of(parts[1], LocalDate.parse(parts[2]), EventJson.read(value, Long.class)));
                    creators.add(parts[1]);
                }
                default -> LOG.warnf("skipping a rollup of unknown kind %s", kind);
            }
        });
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> upsert(tx, rows)
                .chain(() -> pending(tx, EngagementV1.MASHUP, mashups))
                .chain(() -> pending(tx, EngagementV1.CREATOR, creators)));
    }

    private static Uni<Void> upsert(SqlClient tx, Map<String, List<Tuple>> rows) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<Tuple>> statement : rows.entrySet()) {
            done = done.chain(() -> tx.preparedQuery(statement.getKey())
                    .executeBatch(statement.getValue())
                    .replaceWithVoid());
        }
        return done;
    }

    private static Uni<Void> pending(SqlClient tx, String scope, Set<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(PENDING)
                .execute(Tuple.of(scope, subjects.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static JsonObject json(Map<String, Long> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::put);
        return json;
    }
}
