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
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The room log: one Kafka topic, keyed by project. The replicas read it as one consumer group, so each partition, and
 * every room in it, belongs to one replica: the one Kafka assigned it to. The owner orders its rooms' ops itself and
 * writes them through the partition's {@link Appender} (transactions that fence the previous owner); what it reads
 * back is what others append (membership changes, deletions), read committed only.
 *
 * <p>Kafka's rebalance callbacks run on the reader thread (inside the poll): a partition's rooms close, and its
 * appender commits what it holds, before another replica may read it.
 */
public class RoomLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RoomLog.class);

    /** The owners' client ids: this, then the address other replicas hand sockets to. */
    private static final String OWNER_PREFIX = "studio-rooms@";

    private final String topic;
    private final String topicId;
    private final KafkaClients kafka;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, byte[]> reader;
    private final Thread thread;
    private final int partitions;
    private final Duration appendTimeout;
    private final Duration commitInterval;
    private volatile boolean running = true;
    private Consumer<ConsumerRecord<String, byte[]>> handler = record -> {};
    private Appender.Outcome outcome;
    private Consumer<Set<Integer>> released = partitions -> {};
    /** The partitions this replica owns now (written on the reader thread, read anywhere). */
    private volatile Set<Integer> owned = Set.of();
    /** The owned partitions' writers. */
    private final Map<Integer, Appender> appenders = new ConcurrentHashMap<>();

    private final Admin admin;
    private final String group;

    RoomLog(KafkaClients kafka, StudioConfig.Rooms config) {
        this.topic = config.topic();
        this.kafka = kafka;
        this.topicId = ensureTopic(config.partitions());
        this.appendTimeout = config.appendTimeout();
        this.commitInterval = config.commitInterval();
        long timeout = appendTimeout.toMillis();
        // membership changes and deletions, from whichever replica the REST call reached
        Properties producerProps = kafka.properties(Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                String.valueOf(timeout),
                // Kafka wants the delivery timeout to cover at least one request: half leaves time to retry
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                String.valueOf(timeout / 2),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                "2000"));
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
        // the owner's own ops are most of what it reads, and it skips them: large fetches, seldom (a role change or
        // a deletion waits up to half a second), their bytes never decoded
        ownerProps.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(1024 * 1024));
        ownerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        this.reader = new KafkaConsumer<>(ownerProps, new StringDeserializer(), new ByteArrayDeserializer());
        this.partitions = partitionsOf(reader).size();
        this.admin = kafka.admin();
        reader.subscribe(List.of(topic), new Ownership());
        this.thread = new Thread(this::run, "studio-room-log");
        thread.setDaemon(true);
    }

    /**
     * Starts reading: each entry goes to {@code handler} (on the reader thread); the appenders of owned partitions
     * report to {@code outcome}; {@code released} gets the partitions this replica no longer owns, and returns once
     * their rooms are closed (before another replica reads them).
     */
    void start(
            Consumer<ConsumerRecord<String, byte[]>> handler,
            Appender.Outcome outcome,
            Consumer<Set<Integer>> released) {
        this.handler = handler;
        this.outcome = outcome;
        this.released = released;
        thread.start();
    }

    /** The writer of the project's partition, or null when this replica does not own it. */
    Appender appender(String projectId) {
        return appenders.get(partitionOf(projectId));
    }

    /** An op entry as the log stores it, its kind in a header (the owner skips its own op entries unread). */
    ProducerRecord<String, String> opRecord(String projectId, String entry) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partitionOf(projectId), projectId, entry);
        record.headers().add(Wire.KIND_HEADER, OP_KIND);
        return record;
    }

    private static final byte[] OP_KIND = Wire.OP.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Whether a record is an op entry (written by a room's owner), known by its header. */
    static boolean isOp(ConsumerRecord<?, ?> record) {
        org.apache.kafka.common.header.Header kind = record.headers().lastHeader(Wire.KIND_HEADER);
        return kind != null && java.util.Arrays.equals(kind.value(), OP_KIND);
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
            // no room of these is open here: each opens from the stored state and the log, so reading starts at the end
            reader.seekToEnd(assigned);
            Set<Integer> now = new HashSet<>(owned);
            for (TopicPartition partition : assigned) {
                now.add(partition.partition());
                // fences the previous owner's writer at once, so the rooms opening here find the log complete
                appenders.computeIfAbsent(
                        partition.partition(),
                        number -> new Appender(
                                number,
                                group + "-" + number,
                                kafka.properties(Map.of()),
                                appendTimeout,
                                commitInterval,
                                outcome));
            }
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
            // what the rooms ordered before they closed goes to the log before the next owner fences this writer
            partitions.forEach(partition -> {
                Appender appender = appenders.remove(partition);
                if (appender != null) {
                    appender.close();
                }
            });
            LOG.infof(
                    "room log partitions %s moved away; owned here: %s", new TreeSet<>(partitions), new TreeSet<>(now));
        }
    }

    /** Appends an entry (not an op) to a project's room; completes when Kafka has it. */
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

    int partitionOf(String projectId) {
        return Utils.toPositive(Utils.murmur2(projectId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % partitions;
    }

    String topic() {
        return topic;
    }

    /** The topic's id: stored positions count only for this one. */
    String topicId() {
        return topicId;
    }

    /**
     * The committed records of one project from {@code from} to the end of its partition, read with a consumer of
     * their own: the part of a room's history that is in Kafka but not yet in Postgres when its owner opens the room.
     * Called once the partition's appender has fenced the previous owner, so nothing of the room is still to come.
     */
    List<ConsumerRecord<String, String>> read(String projectId, long from) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, partitionOf(projectId));
        try (KafkaConsumer<String, String> scanner =
                new KafkaConsumer<>(readerProps(), new StringDeserializer(), new StringDeserializer())) {
            scanner.assign(List.of(partition));
            // read committed: the end is the last stable offset, before which no transaction is still open
            long to = scanner.endOffsets(List.of(partition)).get(partition);
            long start =
                    Math.max(from, scanner.beginningOffsets(List.of(partition)).get(partition));
            if (start >= to) {
                return found;
            }
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
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    handler.accept(record);
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                LOG.error("room log reader: " + e.getMessage(), e);
            }
        }
        reader.close();
        appenders.values().forEach(Appender::close);
    }

    private Properties readerProps() {
        return kafka.properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // what an owner ordered counts once its transaction commits; an owner fenced mid-way never committed
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"));
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, ?> consumer) {
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
