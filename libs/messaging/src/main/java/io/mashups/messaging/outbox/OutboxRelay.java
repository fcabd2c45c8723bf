package io.mashups.messaging.outbox;

import io.mashups.events.CloudEvent;
import io.mashups.messaging.DedicatedThread;
import io.mashups.messaging.KafkaRecords;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.TraceContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, at least once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * so several relays (one per replica) never publish the same row at the same time; a row is deleted only after
 * Kafka acknowledged it. A relay that dies mid-batch leaves its rows to the others once the lease ends. One key's
 * events go out in the order written: a batch is sent in id order, the rest of a key's rows stay unsent once one of
 * them is refused, and refused rows are claimable again at once (the relay waits its backoff before claiming), so
 * the next claim, in id order, starts with them rather than with the rows behind them. After a failure (and at
 * start) a batch first sends each key's first row alone and waits for it: a send that goes out while Kafka is coming
 * back can fail after a later one of its key succeeded, which would put the later event first.
 * Runs on its own thread: it blocks on Kafka acknowledgements, never on an event loop.
 */
public class OutboxRelay extends DedicatedThread {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The rows to claim are picked once, in a materialized CTE: as {@code WHERE id IN (SELECT ... LIMIT n FOR UPDATE
     * SKIP LOCKED)} the planner may run the subquery again for each row it updates (seen on fresh tables in CI: 999
     * rows claimed with a limit of 200, and a claim that ran for minutes on a bloated outbox).
     */
    private static final String CLAIM = """
            WITH claimable AS MATERIALIZED (
                SELECT id FROM outbox WHERE claimed_until IS NULL OR claimed_until < now()
                ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE outbox o SET claimed_by = $1, claimed_until = now() + make_interval(secs => $2),
                attempts = o.attempts + 1
            FROM claimable c WHERE o.id = c.id
            RETURNING o.id, o.event_id, o.topic, o.event_key, o.event_type, o.source, o.event_time, o.payload,
                o.trace_parent""";

    private static final String DELETE_PUBLISHED = "DELETE FROM outbox WHERE id = ANY($1) AND claimed_by = $2";
    private static final String RELEASE_FAILED = """
            UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, last_error = $2
            WHERE id = ANY($1) AND claimed_by = $3""";

    private final String name;
    private final Pool pool;
    private final Producer<String, byte[]> producer;
    private final MessagingConfig.Relay settings;
    /** Kafka failed the last batch (or nothing was sent yet): probe each key with its first row. */
    private boolean careful = true;

    public OutboxRelay(String name, Pool pool, Producer<String, byte[]> producer, MessagingConfig.Relay settings) {
        super("outbox-relay-" + name);
        this.name = name;
        this.pool = pool;
        this.producer = producer;
        this.settings = settings;
    }

    @Override
    public void run() {
        while (running()) {
            try {
                if (relayOneBatch() == 0) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running()) {
                    LOG.warnf("outbox relay %s: %s; retrying", name, e.getMessage());
                    sleepQuietly(settings.retryBackoff());
                }
            }
        }
    }

    /** Claims, publishes and settles one batch; returns how many rows it claimed. */
    int relayOneBatch() throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(CLAIM)
                .execute(Tuple.of(name, (double) settings.lease().toMillis() / 1000.0, settings.batchSize()))
                .await()
                .atMost(Duration.ofSeconds(30))
                .forEach(rows::add);
        if (rows.isEmpty()) {
            return 0;
        }
        // RETURNING follows no order: sent in id order, one subject's events reach its partition in the order written
        rows.sort(Comparator.comparingLong(row -> row.getLong("id")));
        List<Future<RecordMetadata>> sends = new ArrayList<>(java.util.Collections.nCopies(rows.size(), null));
        // a send refused (at once, or by the probe) holds back the rest of its key's rows, which would overtake it
        java.util.Set<List<String>> heldBack = new java.util.HashSet<>();
        if (careful) {
            java.util.Set<List<String>> probed = new java.util.HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                if (probed.add(keyOf(rows.get(i)))) {
                    sends.set(i, send(rows.get(i)));
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                if (sends.get(i) != null && !sentWithin(sends.get(i))) {
                    heldBack.add(keyOf(rows.get(i)));
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (sends.get(i) != null) {
                continue;
            }
            List<String> key = keyOf(rows.get(i));
            Future<RecordMetadata> sent = heldBack.contains(key)
                    ? java.util.concurrent.CompletableFuture.failedFuture(
                            new IllegalStateException("held back behind an earlier event of its key"))
                    : send(rows.get(i));
            if (refusedAtOnce(sent)) {
                heldBack.add(key);
            }
            sends.set(i, sent);
        }
        List<Long> published = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        String firstError = null; // the cause: rows held back behind it fail after it
        for (int i = 0; i < rows.size(); i++) {
            Long id = rows.get(i).getLong("id");
            try {
                sends.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                published.add(id);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failed.add(id);
                if (firstError == null) {
                    firstError = String.valueOf(e.getCause() == null ? e : e.getCause());
                }
            }
        }
        if (!published.isEmpty()) {
            pool.preparedQuery(DELETE_PUBLISHED)
                    .execute(Tuple.of(published.toArray(Long[]::new), name))
                    .await()
                    .atMost(Duration.ofSeconds(30));
        }
        careful = !failed.isEmpty();
        if (!failed.isEmpty()) {
            LOG.warnf(
                    "outbox relay %s: %d of %d events not acknowledged by Kafka (%s); will retry",
                    name, failed.size(), rows.size(), firstError);
            pool.preparedQuery(RELEASE_FAILED)
                    .execute(Tuple.of(failed.toArray(Long[]::new), firstError, name))
                    .await()
                    .atMost(Duration.ofSeconds(30));
            Thread.sleep(settings.retryBackoff().toMillis());
        }
        return rows.size();
    }

    private static List<String> keyOf(Row row) {
        return List.of(row.getString("topic"), row.getString("event_key"));
    }

    /** Whether a send is acknowledged within the send timeout (its outcome is read again when the batch settles). */
    private boolean sentWithin(Future<RecordMetadata> sent) throws InterruptedException {
        try {
            sent.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private Future<RecordMetadata> send(Row row) {
        CloudEvent event = new CloudEvent(
                row.getString("event_id"),
                java.net.URI.create(row.getString("source")),
                row.getString("event_type"),
                row.getString("event_key"),
                row.getOffsetDateTime("event_time").toInstant(),
                row.getBuffer("payload").getBytes());
        ProducerRecord<String, byte[]> record = KafkaRecords.producerRecord(row.getString("topic"), event);
        String traceParent = row.getString("trace_parent");
        if (traceParent != null) {
            record.headers().add(new RecordHeader(TraceContext.HEADER, traceParent.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched in max.block.ms (Kafka down)
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** A send that failed before reaching Kafka (no metadata within max.block.ms): its future is already done. */
    private static boolean refusedAtOnce(Future<RecordMetadata> sent) throws InterruptedException {
        if (!sent.isDone()) {
            return false;
        }
        try {
            sent.get();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
