package io.mashups.studio.room;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.messaging.KafkaClients;
import io.mashups.testing.MashupsTestEnvironment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A partition's writer fences the one that wrote it before: what the old one queued after the new one started is
 * never committed, and nothing more of its generation is taken.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class AppenderTest {
    @Inject
    KafkaClients kafka;

    /** What a writer reported: per room the last committed seq, and its failed generations (fenced or not). */
    private static final class Reports implements Appender.Outcome {
        final Map<Room, Long> committed = new ConcurrentHashMap<>();
        final Map<Integer, Boolean> failed = new ConcurrentHashMap<>();

        @Override
        public void committed(Map<Room, Long> upTo) {
            upTo.forEach((room, seq) -> committed.merge(room, seq, Math::max));
        }

        @Override
        public void failed(Appender appender, int generation, boolean fenced) {
            failed.put(generation, fenced);
        }
    }

    @Test
    void theNextOwnersWriterFencesThePreviousOne() throws Exception {
        String topic = "appender-test-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
                    .all()
                    .get(15, TimeUnit.SECONDS);
        }
        String transactionalId = kafka.groupId(topic);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Room room = new Room("p", 10, text -> null, metrics.counter("applied"), metrics.counter("refused"));
        Reports before = new Reports();
        Reports after = new Reports();
        try (Appender previous = writer(transactionalId, before)) {
            int generation = previous.ready().get(30, TimeUnit.SECONDS);
            assertTrue(previous.append(generation, room, 1, record(topic, "a")));
            await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(1).equals(before.committed.get(room)));

            try (Appender next = writer(transactionalId, after)) {
                int nextGeneration = next.ready().get(30, TimeUnit.SECONDS);
                assertTrue(previous.append(generation, room, 2, record(topic, "b")), "queued before it knows");
                await().atMost(Duration.ofSeconds(20)).until(() -> before.failed.containsKey(generation));
                assertTrue(before.failed.get(generation), "fenced, not merely failed");
                assertFalse(
                        previous.append(generation, room, 3, record(topic, "c")),
                        "nothing more of a fenced generation is taken");
                assertEquals(1L, before.committed.get(room), "op 2 was never committed");

                assertTrue(next.append(nextGeneration, room, 2, record(topic, "d")));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> Long.valueOf(2).equals(after.committed.get(room)));
            }
        }
        assertEquals(List.of("a", "d"), committedValues(topic));
    }

    private Appender writer(String transactionalId, Reports reports) {
        return new Appender(
                0, transactionalId, kafka.properties(Map.of()), Duration.ofSeconds(10), Duration.ofMillis(10), reports);
    }

    private static ProducerRecord<String, String> record(String topic, String value) {
        return new ProducerRecord<>(topic, 0, "p", value);
    }

    /** The topic as every reader of the room log sees it: committed records only. */
    private List<String> committedValues(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                kafka.properties(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
