package io.mashups.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventJson;
import io.mashups.events.Topics;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.messaging.outbox.OutboxRelay;
import io.mashups.messaging.outbox.OutboxRelays;
import io.mashups.testing.KafkaBroker;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = MashupsTestEnvironment.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class OutboxDeliveryTest {
    private static final String TOPIC = Topics.COMMUNITY_XP_AWARDED;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.kafka.group-prefix")
    String groupPrefix;

    @Inject
    OutboxRelays relays;

    @Test
    void eventsCommittedWhileKafkaIsDownAreAllDeliveredAndEachAppliedOnce() throws Exception {
        String subject = "outage-" + UUID.randomUUID();
        KafkaBroker kafka = MashupsTestEnvironment.dedicatedKafka();
        kafka.kill();

        for (int tx = 0; tx < 100; tx++) {
            given().queryParam("subject", subject)
                    .queryParam("events", 10)
                    .queryParam("together", tx % 2 == 1) // half through Outbox.addAll
                    .post("/test/commits")
                    .then()
                    .statusCode(200);
        }
        assertEquals(
                1000,
                count("SELECT count(*) FROM outbox WHERE event_key = ?", subject),
                "all 1,000 events wait in the outbox");
        assertEquals(0, count("SELECT count(*) FROM applied_effects WHERE subject = ?", subject));

        kafka.start();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM applied_effects WHERE subject = ?", subject) >= 1000
                        && count("SELECT count(*) FROM outbox WHERE event_key = ?", subject) == 0);

        // redeliver 100 of them, as Kafka does after a consumer crash: the inbox must absorb them
        List<ConsumerRecord<String, byte[]>> published = readTopic(kafka.clientProperties(), subject);
        try (KafkaProducer<String, byte[]> producer = producer(kafka.clientProperties())) {
            for (ConsumerRecord<String, byte[]> record : published.subList(0, 100)) {
                ProducerRecord<String, byte[]> again = new ProducerRecord<>(TOPIC, record.key(), record.value());
                record.headers().forEach(h -> again.headers().add(h));
                producer.send(again).get(10, TimeUnit.SECONDS);
            }
        }
        awaitConsumerCaughtUp(kafka.clientProperties(), groupPrefix + ".effects", TOPIC);

        assertEquals(1000, distinctIds(published).size(), "every committed event was published");
        List<Integer> order = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            if (seen.add(
                    new String(record.headers().lastHeader(CloudEvent.HEADER_ID).value(), StandardCharsets.UTF_8))) {
                order.add(EventJson.read(record.value(), XpAwardedV1.class).amount());
            }
        }
        List<Integer> written = new ArrayList<>();
        for (int tx = 0; tx < 100; tx++) {
            for (int i = 1; i <= 10; i++) {
                written.add(i);
            }
        }
        assertEquals(written, order, "one relay publishes a subject's events in the order they were written");
        assertEquals(
                1000,
                count("SELECT count(*) FROM applied_effects WHERE subject = ?", subject),
                "each applied exactly once");
        assertEquals(1000, count("SELECT count(DISTINCT event_id) FROM applied_effects WHERE subject = ?", subject));
        assertEquals(100, count("SELECT count(*) FROM commits WHERE subject = ?", subject));
    }

    @Test
    void concurrentRelaysNeverPublishTheSameEventTwice() throws Exception {
        String subject = "relays-" + UUID.randomUUID();
        List<OutboxRelay> extra = List.of(relays.startRelay("second"), relays.startRelay("third"));
        try {
            for (int tx = 0; tx < 50; tx++) {
                given().queryParam("subject", subject)
                        .queryParam("events", 20)
                        .post("/test/commits")
                        .then()
                        .statusCode(200);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("SELECT count(*) FROM outbox WHERE event_key = ?", subject) == 0);
        } finally {
            extra.forEach(OutboxRelay::stop);
        }

        List<ConsumerRecord<String, byte[]>> published =
                readTopic(MashupsTestEnvironment.dedicatedKafka().clientProperties(), subject);

        assertEquals(1000, published.size(), "records on the topic");
        assertEquals(1000, distinctIds(published).size(), "distinct event ids");
    }

    @Test
    void rolledBackTransactionLeavesNoEvent() throws Exception {
        String subject = "rollback-" + UUID.randomUUID();

        given().queryParam("subject", subject)
                .queryParam("events", 5)
                .queryParam("fail", true)
                .post("/test/commits")
                .then()
                .statusCode(500);

        assertEquals(0, count("SELECT count(*) FROM outbox WHERE event_key = ?", subject));
        assertEquals(0, count("SELECT count(*) FROM commits WHERE subject = ?", subject));
    }

    private long count(String sql, String subject) throws SQLException {
        try (Connection c = MashupsTestEnvironment.jdbc(schema);
                var statement = c.prepareStatement(sql)) {
            statement.setString(1, subject);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Integer> distinctIds(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Integer> ids = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Header id = record.headers().lastHeader(CloudEvent.HEADER_ID);
            ids.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return ids;
    }

    /** Every record with this key on the topic, from the beginning to the current end. */
    static List<ConsumerRecord<String, byte[]>> readTopic(Map<String, String> broker, String key) {
        Properties props = new Properties();
        props.putAll(broker);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, String> broker) {
        Properties props = new Properties();
        props.putAll(broker);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Waits until the group has committed every offset of the topic: all it was sent, it has processed. */
    static void awaitConsumerCaughtUp(Map<String, String> broker, String group, String topic) {
        Properties props = new Properties();
        props.putAll(broker);
        try (Admin admin = Admin.create(props)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get()
                                .get(topic)
                                .partitions()
                                .forEach(
                                        p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                        var ends = admin.listOffsets(latest).all().get();
                        return ends.entrySet().stream()
                                .allMatch(e -> e.getValue().offset() == 0
                                        || (committed.get(e.getKey()) != null
                                                && committed.get(e.getKey()).offset()
                                                        >= e.getValue().offset()));
                    });
        }
    }
}
