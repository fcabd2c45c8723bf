package io.mashups.studio.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Writes the ops of one room log partition's rooms for the replica that owns it, in transactions of a producer whose
 * transactional id is the partition's: the replica that owns the partition next fences this one (its open transaction
 * is aborted and it can commit nothing more), so a room's ops in the log come from one owner at a time. Ops wait in a
 * queue while a transaction commits, so under load one transaction carries many; an op is written, and acknowledged,
 * once its transaction commits.
 *
 * <p>A failed transaction ends a <em>generation</em>: what was queued is dropped, the rooms that wrote in it are
 * closed (their clients saw ops the log may not have), and the next generation starts with a new producer. A room
 * appends with the generation it opened in, so nothing of a failed generation is written after the failure: the
 * log never has an op without the ones before it.
 */
final class Appender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Appender.class);

    /** What happens to the ops: called on the appender's thread. */
    interface Outcome {
        /** These rooms' ops up to these sequences are in the log. */
        void committed(Map<Room, Long> upTo);

        /** A generation failed: its rooms must close ({@code fenced}: another replica owns the partition now). */
        void failed(Appender appender, int generation, boolean fenced);
    }

    private record Pending(Room room, long seq, ProducerRecord<String, String> record) {}

    private final int partition;
    private final Properties producerProps;
    private final Outcome outcome;
    private final Duration closeTimeout;
    private final long commitIntervalNanos;
    private long nextCommit = System.nanoTime();
    private final Thread thread;
    private final Object lock = new Object();

    // guarded by lock
    private List<Pending> queue = new ArrayList<>();
    private int generation;
    private CompletableFuture<Integer> ready = new CompletableFuture<>();
    private boolean closing;
    /** The last generation ended fenced: another replica has taken the partition, or believes it has. */
    private boolean fenced;

    /** The appender's thread only. */
    private KafkaProducer<String, String> producer;

    Appender(
            int partition,
            String transactionalId,
            Properties base,
            Duration timeout,
            Duration commitInterval,
            Outcome outcome) {
        this.partition = partition;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.outcome = outcome;
        this.closeTimeout = timeout;
        this.producerProps = new Properties();
        producerProps.putAll(base);
        long millis = timeout.toMillis();
        producerProps.putAll(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // a commit sends what is queued at once: no linger
                ProducerConfig.LINGER_MS_CONFIG,
                "0",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                String.valueOf(millis),
                // Kafka wants the delivery timeout to cover at least one request: half leaves time to retry
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                String.valueOf(millis / 2),
                // how long a commit (and the initialisation that fences the previous owner) may wait for the broker
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                String.valueOf(millis)));
        this.thread = new Thread(this::run, "studio-room-log-" + partition);
        thread.setDaemon(true);
        thread.start();
    }

    int partition() {
        return partition;
    }

    /**
     * Completes with the generation a room opening now writes in, once its producer has fenced the partition's
     * previous owner (so the log holds everything that owner will ever commit); fails when that could not be done.
     */
    CompletableFuture<Integer> ready() {
        synchronized (lock) {
            return ready;
        }
    }

    /**
     * Queues an op entry of a room that opened in {@code generation}; false when that generation has failed (the room
     * is being closed, and its op must not be written after the ones that were lost).
     */
    boolean append(int generation, Room room, long seq, ProducerRecord<String, String> record) {
        synchronized (lock) {
            if (generation != this.generation || closing) {
                return false;
            }
            queue.add(new Pending(room, seq, record));
            if (queue.size() == 1) {
                lock.notifyAll();
            }
            return true;
        }
    }

    private void run() {
        while (true) {
            if (producer == null && (waitAfterFencing() || !start())) {
                if (isClosing()) {
                    return;
                }
                pause(Duration.ofSeconds(1));
                continue;
            }
            List<Pending> batch = take();
            if (batch == null) {
                break;
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
        }
        closeProducer(closeTimeout);
    }

    /**
     * After this writer was fenced, it waits a group session (10 s) before fencing back: if another replica owns the
     * partition now, Kafka takes it from this one meanwhile (and this writer closes), instead of the two fencing each
     * other in turn. True when it waited.
     */
    private boolean waitAfterFencing() {
        synchronized (lock) {
            if (!fenced) {
                return false;
            }
            fenced = false;
        }
        pause(Duration.ofSeconds(10));
        return true;
    }

    /** A producer for the current generation: initialising it fences the previous owner's. */
    private boolean start() {
        int starting;
        synchronized (lock) {
            starting = generation;
        }
        try {
            producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
            producer.initTransactions();
        } catch (RuntimeException e) {
            LOG.warnf("room log partition %d: no transactional producer (%s)", partition, e.toString());
            closeProducer(Duration.ZERO);
            fail(starting, e);
            return false;
        }
        synchronized (lock) {
            if (starting == generation) {
                ready.complete(generation);
            }
        }
        return true;
    }

    /**
     * The queued entries, once there are some and the commit interval since the last transaction has passed; null once
     * closing has drained the queue.
     */
    private List<Pending> take() {
        synchronized (lock) {
            try {
                while (queue.isEmpty() && !closing) {
                    lock.wait();
                }
                for (long wait; !closing && (wait = nextCommit - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(lock, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (queue.isEmpty()) {
                return null;
            }
            nextCommit = System.nanoTime() + commitIntervalNanos;
            List<Pending> batch = queue;
            queue = new ArrayList<>();
            return batch;
        }
    }

    private void write(List<Pending> batch) {
        int writing;
        synchronized (lock) {
            writing = generation;
        }
        try {
            producer.beginTransaction();
            for (Pending pending : batch) {
                producer.send(pending.record());
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            LOG.warnf("room log partition %d: a transaction of %d ops failed (%s)", partition, batch.size(), e);
            closeProducer(Duration.ZERO);
            fail(writing, e);
            return;
        }
        Map<Room, Long> upTo = new IdentityHashMap<>();
        for (Pending pending : batch) {
            upTo.merge(pending.room(), pending.seq(), Math::max);
        }
        outcome.committed(upTo);
    }

    /** Ends a generation: its queued entries are dropped and its rooms told; the next one starts afresh. */
    private void fail(int failed, RuntimeException cause) {
        boolean byAnother = fencedBy(cause);
        synchronized (lock) {
            if (failed != generation) {
                return;
            }
            generation++;
            queue = new ArrayList<>();
            ready.completeExceptionally(cause);
            ready = new CompletableFuture<>();
            fenced = byAnother;
        }
        outcome.failed(this, failed, byAnother);
    }

    /** Whether a failure says another producer with this transactional id has started (it may come wrapped). */
    private static boolean fencedBy(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof ProducerFencedException || at instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    private void pause(Duration duration) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            try {
                lock.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("closing the producer of partition %d: %s", partition, e);
            }
            producer = null;
        }
    }

    /** Commits what is queued (waiting at most the append timeout), then lets the producer go. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            ready.completeExceptionally(new IllegalStateException("the partition moved away"));
            lock.notifyAll();
        }
        try {
            thread.join(closeTimeout.toMillis() + TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
