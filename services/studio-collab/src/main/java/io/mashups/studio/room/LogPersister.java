package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.messaging.Blocking;
import io.mashups.studio.StudioConfig;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import io.mashups.studio.project.ProjectService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores the room log in Postgres: the {@value #CHANNEL} channel's consumer group gives each partition one writer
 * among the replicas. It applies the ops as the rooms do (same document, same order, same refusals), stores the
 * applied ones with snapshots every few hundred, and its position per partition in the same transaction; on each
 * assignment the consumer seeks to the stored positions, so nothing is stored twice or skipped whatever Kafka has
 * committed. The project's document and {@code studio.project-changed} follow at most once per debounce interval.
 *
 * <p>Batches arrive on a worker thread while rebalances run on the polling thread, so both hold this bean's lock. The
 * channel reads committed records only, so offsets have gaps (transaction markers, what a fenced owner never
 * committed); what must have none is each project's ops, which its owners number one after another. An op whose
 * sequence skips one (a batch polled before a rebalance), like a store that failed, makes the channel seek back to the
 * stored position and take nothing until the batch read from there arrives.
 */
@ApplicationScoped
@Identifier(LogPersister.CHANNEL)
public class LogPersister implements KafkaConsumerRebalanceListener {
    static final String CHANNEL = "room-log-store";
    private static final Logger LOG = Logger.getLogger(LogPersister.class);
    private static final long FORGET_AFTER = TimeUnit.MINUTES.toNanos(10);

    private final KafkaClientService clients;
    private final StudioConfig.Rooms config;
    private final RoomStore store;
    private final ProjectService projects;
    private final Rooms rooms;
    private final Map<String, Tracked> tracked = new HashMap<>();
    /** The next offset to store per partition assigned here. */
    private final Map<Integer, Long> expected = new HashMap<>();
    /**
     * Partitions sought back to their expected offset, with the first offset the batch that failed had there: batches
     * starting after it were polled before the seek, and are dropped.
     */
    private final Map<Integer, Long> rewinding = new HashMap<>();
    /** Partitions whose batch now is the first read again after a seek: a gap in it is in the log itself. */
    private final Set<Integer> reread = new HashSet<>();

    public LogPersister(
            KafkaClientService clients, StudioConfig config, RoomStore store, ProjectService projects, Rooms rooms) {
        this.clients = clients;
        this.rooms = rooms;
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

    @Override
    public synchronized void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
        Map<Integer, Long> stored =
                store.positions(config.topic(), rooms.topicId()).await().atMost(Duration.ofSeconds(30)).stream()
                        .collect(Collectors.toMap(p -> (int) p[0], p -> p[1]));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        for (TopicPartition partition : partitions) {
            // a position the topic's retention has passed starts at the oldest record left
            long next = Math.max(stored.getOrDefault(partition.partition(), 0L), beginnings.get(partition));
            consumer.seek(partition, next);
            expected.put(partition.partition(), next);
            rewinding.remove(partition.partition());
        }
        LOG.infof("storing the room log from %s", expected);
    }

    @Override
    public synchronized void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("no longer storing the room log partitions %s", partitions);
        forget(partitions);
        partitions.forEach(partition -> {
            expected.remove(partition.partition());
            rewinding.remove(partition.partition());
            reread.remove(partition.partition());
        });
    }

    @Incoming(CHANNEL)
    @io.smallrye.common.annotation.Blocking
    synchronized void storeBatch(ConsumerRecords<String, String> records) {
        List<RoomStore.NewOp> ops = new ArrayList<>();
        List<RoomStore.NewSnapshot> snapshots = new ArrayList<>();
        Map<Integer, Long> next = new HashMap<>();
        Map<Integer, Long> firsts = new HashMap<>();
        Map<Integer, List<ConsumerRecord<String, String>>> taken = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> fresh = fresh(partition, records.records(partition));
            if (!fresh.isEmpty()) {
                taken.put(partition.partition(), fresh);
                firsts.put(partition.partition(), fresh.get(0).offset());
                next.put(partition.partition(), fresh.get(fresh.size() - 1).offset() + 1);
            }
        }
        try {
            taken.forEach((partition, fresh) -> fresh.forEach(record -> apply(partition, record, ops, snapshots)));
            if (next.isEmpty()) {
                return;
            }
            List<long[]> positions = next.entrySet().stream()
                    .map(position -> new long[] {position.getKey(), position.getValue()})
                    .toList();
            store.store(config.topic(), rooms.topicId(), ops, snapshots, positions)
                    .await()
                    .atMost(Duration.ofSeconds(30));
            expected.putAll(next);
        } catch (RuntimeException e) {
            // whether loading a document or storing failed or an op was missing, the documents here may have moved past
            // what is stored: forget them and read the batch again, or its ops would be skipped for good
            if (e instanceof Gap) {
                LOG.warnf("%s; reading the room log again from the stored position", e.getMessage());
            } else {
                LOG.errorf(e, "storing the room log failed; reading it again");
            }
            forget(records.partitions());
            firsts.forEach((partition, first) ->
                    rewind(new TopicPartition(config.topic(), partition), expected.get(partition), first));
            if (!(e instanceof Gap)) {
                sleep();
            }
        } finally {
            reread.removeAll(taken.keySet());
        }
    }

    /** An op whose sequence is not the next of its project's. */
    private static final class Gap extends RuntimeException {
        Gap(String projectId, long stored, long seq) {
            super("room " + projectId + ": op " + seq + " follows op " + stored, null, false, false);
        }
    }

    /**
     * The records of a partition from the offset expected next; none while it is read again after a seek and they
     * start past where the batch that made it seek started (they were polled before the seek).
     */
    private List<ConsumerRecord<String, String>> fresh(
            TopicPartition partition, List<ConsumerRecord<String, String>> records) {
        Long next = expected.get(partition.partition());
        if (next == null) {
            return List.of();
        }
        List<ConsumerRecord<String, String>> fresh =
                records.stream().filter(record -> record.offset() >= next).toList();
        if (fresh.isEmpty()) {
            return fresh;
        }
        Long limit = rewinding.get(partition.partition());
        if (limit != null) {
            if (fresh.get(0).offset() > limit) {
                return List.of();
            }
            rewinding.remove(partition.partition());
            reread.add(partition.partition());
        }
        return fresh;
    }

    /** Seeks a partition back to {@code offset}, where the next batch to take starts at or before {@code first}. */
    private void rewind(TopicPartition partition, Long offset, long first) {
        if (offset == null || rewinding.putIfAbsent(partition.partition(), first) != null) {
            return;
        }
        clients.getConsumer(CHANNEL).seek(partition, offset).subscribe().with(done -> {}, failure -> {
            LOG.warnf(failure, "could not seek %s back to %d", partition, offset);
            synchronized (this) {
                rewinding.remove(partition.partition());
            }
        });
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
        long seq = Wire.seqOf(entry, record.offset());
        if (project.document == null || seq <= project.seq) {
            return;
        }
        boolean numbered = entry.has("s");
        if (numbered && seq != project.seq + 1 && !reread.contains(partition)) {
            throw new Gap(record.key(), project.seq, seq);
        }
        try {
            ops.add(new RoomStore.NewOp(record.key(), seq, Room.apply(project.document, seq, entry, record.value())));
        } catch (OpRejected rejected) {
            if (!numbered) {
                // an older owner logged ops before applying them: refused everywhere alike
                return;
            }
            // the owner applied it: a document here that refuses it differs from the room's
            LOG.errorf("room %s: op %d was applied by its owner but refused here (%s)", record.key(), seq, rejected);
        }
        project.seq = seq;
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
        RoomStore.Stored stored = store.load(projectId, config.topic(), rooms.topicId(), partition, 0)
                .await()
                .atMost(Duration.ofSeconds(30));
        if (!stored.exists()) {
            return new Tracked(partition, null, Long.MAX_VALUE);
        }
        Tracked project = new Tracked(partition, stored.document(), stored.seq());
        LOG.infof(
                "storing room %s after op %d (%d stored ops since snapshot %d)",
                projectId, stored.seq(), stored.replay().size(), stored.snapshotSeq());
        project.sinceSnapshot = stored.replay().size();
        // a previous writer of this partition may not have announced its last changes
        project.dirtySince = stored.replay().isEmpty() ? 0 : System.nanoTime();
        return project;
    }

    /** Projects whose document changed a debounce interval ago get it stored on the project and announced. */
    @Scheduled(every = "0.5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void announceChanged() {
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
