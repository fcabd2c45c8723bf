package io.mashups.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.Topics;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = MashupsTestEnvironment.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class BatchConsumptionTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.kafka.group-prefix")
    String groupPrefix;

    @Test
    void aBatchChannelAppliesEachEventOnceManyToATransactionAndDeadLettersOnlyThePoison() throws Exception {
        String subject = "batch-" + UUID.randomUUID();
        for (int tx = 0; tx < 30; tx++) {
            given().queryParam("subject", subject)
                    .queryParam("events", 10)
                    .post("/test/commits")
                    .then()
                    .statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(subject) >= 300);

        // Kafka redelivers 50 of them, and a record that is no XP event arrives among them
        List<ConsumerRecord<String, byte[]>> published = OutboxDeliveryTest.readTopic(
                MashupsTestEnvironment.dedicatedKafka().clientProperties(), subject);
        CloudEvent poisonAttributes = CloudEvent.of(
                EventCatalog.XP_AWARDED,
                URI.create("/services/community"),
                subject,
                new XpAwardedV1(subject, 1, "test", 1, 1, "test", null, java.time.Instant.EPOCH));
        try (KafkaProducer<String, byte[]> producer = EntitlementsProjectionTest.producer()) {
            for (ConsumerRecord<String, byte[]> record : published.subList(0, 25)) {
                resend(producer, record);
            }
            EntitlementsProjectionTest.send(
                    producer, subject, "{\"amount\":\"lots\"}".getBytes(StandardCharsets.UTF_8), poisonAttributes);
            for (ConsumerRecord<String, byte[]> record : published.subList(25, 50)) {
                resend(producer, record);
            }
        }
        ConsumerRecord<String, byte[]> dead =
                EntitlementsProjectionTest.awaitDeadLetter(Topics.COMMUNITY_XP_AWARDED, subject, "batch-effects");
        OutboxDeliveryTest.awaitConsumerCaughtUp(
                MashupsTestEnvironment.dedicatedKafka().clientProperties(),
                groupPrefix + ".batch-effects",
                Topics.COMMUNITY_XP_AWARDED);

        assertEquals(300, effects(subject), "each applied exactly once");
        assertEquals(
                300,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(DISTINCT event_id) FROM batch_effects WHERE subject = '" + subject + "'"));
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM inbox WHERE consumer = 'batch-effects' AND event_id = '"
                                + poisonAttributes.id() + "'"),
                "the poison was not applied");
        long largestTransaction = MashupsTestEnvironment.count(
                schema,
                "SELECT max(n) FROM (SELECT count(*) AS n FROM batch_effects WHERE subject = '" + subject
                        + "' GROUP BY transaction_id) t");
        assertTrue(largestTransaction > 1, "events applied in batches, largest " + largestTransaction);
        String reason = new String(dead.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("XpAwardedV1"), reason);
    }

    private long effects(String subject) throws Exception {
        return MashupsTestEnvironment.count(
                schema, "SELECT count(*) FROM batch_effects WHERE subject = '" + subject + "'");
    }

    /** Sent without waiting, so the consumer finds them together in one poll. */
    private static void resend(KafkaProducer<String, byte[]> producer, ConsumerRecord<String, byte[]> record) {
        ProducerRecord<String, byte[]> again =
                new ProducerRecord<>(Topics.COMMUNITY_XP_AWARDED, record.key(), record.value());
        record.headers().forEach(h -> again.headers().add(h));
        producer.send(again);
    }
}
