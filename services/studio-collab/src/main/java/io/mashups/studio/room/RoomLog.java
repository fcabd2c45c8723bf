package io.mashups.studio.room;

import io.mashups.messaging.KafkaClients;
import io.mashups.studio.StudioConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The room log: one Kafka topic, keyed by project, whose partition order is each room's one total order. The
 * replicas read it as one consumer group, so each partition, and every room in it, belongs to one replica: the one
 * Kafka assigned it to. The owner appends what its rooms' clients send and reads it back on one thread.
 *
 * <p>Everything that changes rooms runs on that reader thread; other threads hand it work with {@link #execute}.
 * Kafka's rebalance callbacks run there too (inside the poll), so rooms move between two batches.
 */
public class RoomLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RoomLog.class);

    /** The owners' client ids: this, then the address other replicas hand sockets to. */
    private static final String OWNER_PREFIX = "studio-rooms@";

    private final String topic;
    private final String topicId;
    private final KafkaClients kafka;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> reader;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean wakeupPending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread thread;
    private final int partitions;
    private volatile boolean running = true;
    private Consumer<ConsumerRecord<String, String>> handler = record -> {};
    private Runnable housekeeping = () -> {};
    private Runnable afterPass = () -> {};
    private Consumer<Set<Integer>> released = partitions -> {};
    /** The partitions this replica owns now (written on the reader thread, read anywhere). */
    private volatile Set<Integer> owned = Set.of();

    private final Admin admin;
    private final String group;

    RoomLog(KafkaClients kafka, StudioConfig.Rooms config) {
        this.topic = config.topic();
        this.kafka = kafka;
        this.topicId = ensureTopic(config.partitions());
        long appendTimeout = config.appendTimeout().toMillis();
        Properties producerProps = kafka.properties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                // a millisecond of batching: far fewer requests at thousands of ops a second, for a millisecond of
                // latency
                ProducerConfig.LINGER_MS_CONFIG, "1",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(appendTimeout),
                // Kafka wants the delivery timeout to cover at least one request (and the linger): half leaves time to
                // retry
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(appendTimeout / 2),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"));
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        this.group = kafka.groupId("room-owners");
        Properties ownerProps = readerProps();
        ownerProps.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                // the other replicas find this one's address here (the group's description lists each member's)
                ConsumerConfig.CLIENT_ID_CONFIG,
                OWNER_PREFIX + config.advertisedAddress(),
                // a replica joining or leaving moves only the partitions that must move
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName(),
                // a replica that dies without leaving keeps its rooms this long: their clients wait for a new owner
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                "10000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                "2000"));
        this.reader = new KafkaConsumer<>(ownerProps, new StringDeserializer(), new StringDeserializer());
        this.partitions = partitionsOf(reader).size();
        this.admin = kafka.admin();
        reader.subscribe(List.of(topic), new Ownership());
        this.thread = new Thread(this::run, "studio-room-log");
        thread.setDaemon(true);
    }

    /**
     * Starts reading: each entry goes to {@code handler}; {@code afterPass} runs after every batch of tasks and
     * entries; {@code released} gets the partitions this replica no longer owns (before another one reads them).
     */
    void start(
            Consumer<ConsumerRecord<String, String>> handler,
            Runnable housekeeping,
            Runnable afterPass,
            Consumer<Set<Integer>> released) {
        this.handler = handler;
        this.housekeeping = housekeeping;
        this.afterPass = afterPass;
        this.released = released;
        thread.start();
    }

    /** Whether this replica owns the project's room now. */
    boolean owns(String projectId) {
        return owned.contains(partitionOf(projectId));
    }

    /**
     * The address of the replica that owns the project's room, from the group's description: empty while nobody
     * does (the group is rebalancing) or this replica does. Blocking (a Kafka request): not on an event loop.
     */
    Optional<String> owner(String projectId) {
        int partition = partitionOf(projectId);
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(10, TimeUnit.SECONDS);
            return description.members().stream()
                    .filter(member -> member.clientId().startsWith(OWNER_PREFIX)
                            && member.assignment().topicPartitions().contains(new TopicPartition(topic, partition)))
                    .map(member -> member.clientId().substring(OWNER_PREFIX.length()))
                    .findFirst();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("the room owners' group could not be described: %s", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Kafka's assignment of partitions, on the reader thread inside a poll. */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            // no room of these is open here: each opens from the stored state and the log up to the position it
            // finds, so reading starts at the end
            reader.seekToEnd(assigned);
            assigned.forEach(RoomLog.this::positionOf);
            Set<Integer> now = new HashSet<>(owned);
            assigned.forEach(partition -> now.add(partition.partition()));
            owned = Set.copyOf(now);
            LOG.infof("room log partitions now owned here: %s", new TreeSet<>(now));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            release(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            release(lost);
        }

        private void release(Collection<TopicPartition> gone) {
            if (gone.isEmpty()) {
                return;
            }
            Set<Integer> partitions = new HashSet<>();
            gone.forEach(partition -> partitions.add(partition.partition()));
            Set<Integer> now = new HashSet<>(owned);
            now.removeAll(partitions);
            owned = Set.copyOf(now);
            released.accept(partitions);
            LOG.infof(
                    "room log partitions %s moved away; owned here: %s", new TreeSet<>(partitions), new TreeSet<>(now));
        }
    }

    /** Appends a message to a project's room; completes when Kafka has it (or fails: the sender is told). */
    CompletableFuture<Void> append(String projectId, String message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(topic, partitionOf(projectId), projectId, message), (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Runs a task on the reader thread, between two batches of records. */
    void execute(Runnable task) {
        tasks.add(task);
        // one wake-up per pass, however many tasks arrive (cursors come by the thousand a second): each one aborts
        // a poll with an exception
        if (!wakeupPending.getAndSet(true)) {
            reader.wakeup();
        }
    }

    boolean onReaderThread() {
        return Thread.currentThread() == thread;
    }

    int partitionOf(String projectId) {
        return Utils.toPositive(Utils.murmur2(projectId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % partitions;
    }

    /** The next offset the reader will see in a project's partition (reader thread only). */
    long position(String projectId) {
        return positionOf(new TopicPartition(topic, partitionOf(projectId)));
    }

    /** The reader's position in a partition (reader thread; may ask Kafka). */
    private long positionOf(TopicPartition partition) {
        boolean wokenUp = false;
        while (true) {
            try {
                long position = reader.position(partition);
                if (wokenUp) {
                    // the wake-up was meant for the next poll: its task may have come after the queue was drained
                    reader.wakeup();
                }
                return position;
            } catch (WakeupException e) {
                wokenUp = true;
            }
        }
    }

    String topic() {
        return topic;
    }

    /** The topic's id: stored positions count only for this one. */
    String topicId() {
        return topicId;
    }

    /**
     * The records of one project in {@code [from, to)} of its partition, read with a consumer of their own: the part
     * of a room's history that is in Kafka but not yet in Postgres when a replica opens the room.
     */
    List<ConsumerRecord<String, String>> read(String projectId, long from, long to) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        if (from >= to) {
            return found;
        }
        TopicPartition partition = new TopicPartition(topic, partitionOf(projectId));
        try (KafkaConsumer<String, String> scanner =
                new KafkaConsumer<>(readerProps(), new StringDeserializer(), new StringDeserializer())) {
            scanner.assign(List.of(partition));
            long start =
                    Math.max(from, scanner.beginningOffsets(List.of(partition)).get(partition));
            scanner.seek(partition, start);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (scanner.position(partition) < to) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + partition + " up to " + to);
                }
                for (ConsumerRecord<String, String> record : scanner.poll(Duration.ofMillis(200))) {
                    if (record.offset() < to && projectId.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private void run() {
        long nextHousekeeping = 0;
        while (running) {
            try {
                // cleared before the queue is drained: a task added after this wakes the next poll
                wakeupPending.set(false);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                afterPass.run();
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    handler.accept(record);
                }
                afterPass.run();
                if (System.nanoTime() > nextHousekeeping) {
                    housekeeping.run();
                    nextHousekeeping = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
            } catch (WakeupException e) {
                // new tasks: run them at the top of the loop
            } catch (RuntimeException e) {
                LOG.error("room log reader: " + e.getMessage(), e);
            }
        }
        reader.close();
    }

    private Properties readerProps() {
        return kafka.properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"));
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the room log topic " + topic + " has no partitions");
            }
        }
    }

    /** Creates the topic unless it exists; answers its id, which changes when the topic is deleted and created again. */
    private String ensureTopic(int partitionCount) {
        try (Admin admin = kafka.admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitionCount), Optional.empty())))
                        .all()
                        .get(15, TimeUnit.SECONDS);
                LOG.infof("created the room log topic %s with %d partitions", topic, partitionCount);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create the room log topic " + topic + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
            }
            // a topic just created can be unknown to the broker's metadata for a moment (seen on a fresh broker)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try {
                    return admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(15, TimeUnit.SECONDS)
                            .get(topic)
                            .topicId()
                            .toString();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe the room log topic " + topic, e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer about " + topic, e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            reader.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            reader.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
