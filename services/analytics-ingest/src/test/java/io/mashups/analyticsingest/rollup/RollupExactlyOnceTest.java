package io.mashups.analyticsingest.rollup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exactly once, for real: the rollup application in a JVM of its own on a broker of the test's own, killed with
 * SIGKILL while it works through the events and started again, then the broker killed and restarted under it; the
 * rollups it commits equal those of an uninterrupted run of the same events.
 */
class RollupExactlyOnceTest {
    private static final String APP = "rollups-exactly-once";

    @Test
    void killedAndRestartedWithKafkaRestartedTooTheRollupsEqualAnUninterruptedRun() throws Exception {
        List<AnalyticsEventV1> events = new ArrayList<>(GeneratedTraffic.generate(11, 1_500));
        events.sort(Comparator.comparing(AnalyticsEventV1::receivedAt));
        Map<String, Map<String, Object>> uninterrupted = RollupTopologyTest.rollups(events);

        Path state = Files.createTempDirectory(Path.of("target"), "rollups-state");
        try (KafkaBroker kafka = new KafkaBroker().start()) {
            // the events are a month old or more: kept by time, their segments would be rolled and deleted under the
            // test (by a broker check it cannot time); the service keeps its rollups compacted, as here
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(
                                new NewTopic(RollupTopologyTest.SETTINGS.rawTopic(), 3, (short) 1)
                                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                                new NewTopic(RollupTopologyTest.SETTINGS.rollupTopic(), 3, (short) 1)
                                        .configs(Map.of(
                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            int half = events.size() / 2;
            produce(kafka, events.subList(0, half));
            Process app = start(kafka, state);
            // mid-stream: some of its transactions committed, more under way
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> readRollups(kafka).size() > 100);
            app.destroyForcibly().waitFor();

            produce(kafka, events.subList(half, events.size()));
            app = start(kafka, state);
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> readRollups(kafka).size() > 200);
                kafka.kill();
                Thread.sleep(2_000);
                kafka.start();

                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> caughtUp(kafka));
                Map<String, Map<String, Object>> recovered = RollupTopologyTest.decode(readRollups(kafka));
                List<String> differing = new ArrayList<>();
                uninterrupted.forEach((kind, rollups) -> rollups.forEach((key, value) -> {
                    if (!value.equals(recovered.getOrDefault(kind, Map.of()).get(key))) {
                        differing.add(kind + " " + key);
                    }
                }));
                assertEquals(
                        List.of(),
                        differing.subList(0, Math.min(20, differing.size())),
                        differing.size() + " rollups differ");
                assertEquals(uninterrupted, recovered);
            } finally {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private static Process start(KafkaBroker kafka, Path state) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RollupApp.class.getName(),
                        kafka.bootstrapServers(),
                        APP,
                        state.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", "rollup-app.log").toFile()))
                .start();
    }

    private static void produce(KafkaBroker kafka, List<AnalyticsEventV1> events) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(
                    event -> producer.send(RollupTopologyTest.record(RollupTopologyTest.SETTINGS.rawTopic(), event)));
        }
    }

    /** The rollup topic's committed records, latest value per key. */
    private static Map<String, byte[]> readRollups(KafkaBroker kafka) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(RollupTopologyTest.SETTINGS.rollupTopic(), Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
            }
        }
        return latest;
    }

    /** Every raw event and every repartitioned record consumed and committed by the application. */
    private static boolean caughtUp(KafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                return false;
            }
            Set<String> topics = new HashSet<>();
            committed.keySet().forEach(partition -> topics.add(partition.topic()));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((name, description) -> description
                            .partitions()
                            .forEach(info ->
                                    latest.put(new TopicPartition(name, info.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            // a transaction's end leaves a marker after the last record: within one of the end is consumed
            return topics.contains(RollupTopologyTest.SETTINGS.rawTopic())
                    && ends.entrySet().stream().allMatch(end -> {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        long position = at == null ? 0 : at.offset();
                        return position >= end.getValue().offset() - 1;
                    });
        } catch (Exception brokerNotBackYet) {
            return false;
        }
    }
}
