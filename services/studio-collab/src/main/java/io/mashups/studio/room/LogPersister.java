package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.messaging.Blocking;
import io.mashups.messaging.KafkaClients;
import io.mashups.studio.StudioConfig;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.mashups.studio.project.ProjectService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Stores the room log in Postgres: one consumer group over the topic, so each partition has one writer among the
 * replicas. It applies the ops as the rooms do (same document, same order, same refusals), stores the applied ones
 * with snapshots every few hundred, and its position per partition in the same transaction: where it starts again
 * after a restart or a rebalance, so nothing is stored twice or skipped. The project's document and
 * {@code studio.project-changed} follow at most once per debounce interval.
 */
@ApplicationScoped
public class LogPersister {
    private static final Logger LOG = Logger.getLogger(LogPersister.class);
    private static final long FORGET_AFTER = TimeUnit.MINUTES.toNanos(10);

    private final KafkaClients kafka;
    private final StudioConfig.Rooms config;
    private final RoomStore store;
    private final ProjectService projects;
    /** Persister thread only. */
    private final Map<String, Tracked> tracked = new HashMap<>();

    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    public LogPersister(KafkaClients kafka, StudioConfig config, RoomStore store, ProjectService projects) {
        this.kafka = kafka;
        this.config = config.rooms();
        this.store = store;
        this.projects = projects;
    }

    /** A project's document as stored so far; {@code document} null when the project does not exist here. */
    private static final class Tracked {
        final int partition;
        final ProjectDocument document;
        long seq;
        int sinceSnapshot;
        long dirtySince;
        long lastUsed = System.nanoTime();

        Tracked(int partition, ProjectDocument document, long seq) {
            this.partition = partition;
            this.document = document;
            this.seq = seq;
        }
    }

    void start(@Observes StartupEvent event) {
        Properties props = kafka.properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId("room-log-store"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                // storing is not on anyone's path: let the broker gather a batch (up to 200 ms) for fewer, larger
                // transactions
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200"));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "studio-room-log-store");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        consumer.subscribe(List.of(config.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                forget(partitions);
                Map<Integer, Long> stored =
                        store.positions(config.topic()).await().atMost(Duration.ofSeconds(30)).stream()
                                .collect(Collectors.toMap(p -> (int) p[0], p -> p[1]));
                for (TopicPartition partition : partitions) {
                    Long next = stored.get(partition.partition());
                    if (next != null) {
                        consumer.seek(partition, next);
                    } else {
                        consumer.seekToBeginning(List.of(partition));
                    }
                }
            }
        });
        while (running) {
            try {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    storeBatch(records);
                }
                announceChanged();
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.errorf(e, "storing the room log failed; trying again");
                sleep();
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void storeBatch(ConsumerRecords<String, String> records) {
        List<RoomStore.NewOp> ops = new ArrayList<>();
        List<RoomStore.NewSnapshot> snapshots = new ArrayList<>();
        List<long[]> positions = new ArrayList<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            firstOffsets.put(partition, records.records(partition).get(0).offset());
        }
        try {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, String>> batch = records.records(partition);
                for (ConsumerRecord<String, String> record : batch) {
                    apply(partition.partition(), record, ops, snapshots);
                }
                positions.add(new long[] {
                    partition.partition(), batch.get(batch.size() - 1).offset() + 1
                });
            }
            store.store(config.topic(), ops, snapshots, positions).await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // whether loading a document or storing failed, the consumer has moved past the batch and the documents
            // here may have too: forget them and read the batch again, or its ops would be skipped for good
            forget(firstOffsets.keySet());
            firstOffsets.forEach(consumer::seek);
            throw e;
        }
    }

    private void apply(
            int partition,
            ConsumerRecord<String, String> record,
            List<RoomStore.NewOp> ops,
            List<RoomStore.NewSnapshot> snapshots) {
        JsonNode entry = record.value() == null ? null : Wire.parse(record.value());
        if (entry == null || record.key() == null) {
            return;
        }
        String kind = entry.path("k").asText();
        if (Wire.DELETED.equals(kind)) {
            tracked.remove(record.key());
            return;
        }
        if (!Wire.OP.equals(kind)) {
            return;
        }
        Tracked project = tracked.computeIfAbsent(record.key(), id -> load(partition, id));
        project.lastUsed = System.nanoTime();
        if (project.document == null || record.offset() <= project.seq) {
            return;
        }
        try {
            ops.add(new RoomStore.NewOp(
                    record.key(),
                    record.offset(),
                    Room.apply(project.document, record.offset(), entry, record.value())));
        } catch (OpRejected rejected) {
            return;
        }
        project.seq = record.offset();
        if (++project.sinceSnapshot >= config.snapshotEvery()) {
            project.sinceSnapshot = 0;
            snapshots.add(
                    new RoomStore.NewSnapshot(record.key(), project.seq, Wire.write(project.document.snapshot())));
        }
        if (project.dirtySince == 0) {
            project.dirtySince = System.nanoTime();
        }
    }

    private Tracked load(int partition, String projectId) {
        RoomStore.Stored stored =
                store.load(projectId, config.topic(), partition, 0).await().atMost(Duration.ofSeconds(30));
        if (!stored.exists()) {
            return new Tracked(partition, null, Long.MAX_VALUE);
        }
        Tracked project = new Tracked(partition, stored.document(), stored.seq());
        project.sinceSnapshot = stored.replay().size();
        // a previous writer of this partition may not have announced its last changes
        project.dirtySince = stored.replay().isEmpty() ? 0 : System.nanoTime();
        return project;
    }

    /** Projects whose document changed a debounce interval ago get it stored on the project and announced. */
    private void announceChanged() {
        long now = System.nanoTime();
        long debounce = config.changedDebounce().toNanos();
        for (var it = tracked.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Tracked project = entry.getValue();
            if (project.dirtySince != 0 && now - project.dirtySince >= debounce) {
                String view = Wire.write(project.document.view());
                long seq = project.seq;
                Blocking.await(() -> projects.documentChanged(entry.getKey(), view, seq));
                project.dirtySince = 0;
            } else if (project.dirtySince == 0 && now - project.lastUsed > FORGET_AFTER) {
                it.remove();
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        Set<Integer> numbers =
                partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        tracked.values().removeIf(project -> numbers.contains(project.partition));
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
