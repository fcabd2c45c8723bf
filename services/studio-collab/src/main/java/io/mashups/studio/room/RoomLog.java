package io.mashups.studio.room;

import io.mashups.messaging.KafkaClients;
import io.mashups.studio.StudioConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * The room log: one Kafka topic, keyed by project, whose partition order is each room's one total order. Every
 * replica appends what its clients send and reads the whole topic back on one thread (no consumer group: each
 * replica sees every room), so clients of one project on different replicas see the same messages in the same order.
 *
 * <p>Everything that changes rooms runs on that reader thread; other threads hand it work with {@link #execute}.
 */
public class RoomLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RoomLog.class);

    private final String topic;
    private final String topicId;
    private final KafkaClients kafka;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> reader;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final int partitions;
    private volatile boolean running = true;
    private Consumer<ConsumerRecord<String, String>> handler = record -> {};
    private Runnable housekeeping = () -> {};
    private Runnable afterPass = () -> {};

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
        this.reader = new KafkaConsumer<>(readerProps(), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> all = partitionsOf(reader);
        this.partitions = all.size();
        reader.assign(all);
        reader.seekToEnd(all);
        all.forEach(reader::position);
        this.thread = new Thread(this::run, "studio-room-log");
        thread.setDaemon(true);
    }

    /** Starts reading: each entry goes to {@code handler}; {@code afterPass} runs after every batch of tasks and entries. */
    void start(Consumer<ConsumerRecord<String, String>> handler, Runnable housekeeping, Runnable afterPass) {
        this.handler = handler;
        this.housekeeping = housekeeping;
        this.afterPass = afterPass;
        thread.start();
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
        reader.wakeup();
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
        TopicPartition partition = new TopicPartition(topic, partitionOf(projectId));
        while (true) {
            try {
                return reader.position(partition);
            } catch (WakeupException e) {
                // an execute() meant to interrupt the poll; its task runs after this one all the same
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
    }
}
