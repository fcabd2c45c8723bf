package io.mashups.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.Topics;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.entitlements.UserEntitlements;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = MashupsTestEnvironment.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class EntitlementsProjectionTest {
    private static final URI BILLING = URI.create("/services/billing");

    @Inject
    Entitlements entitlements;

    @Test
    void newestRevisionWinsWhateverTheOrderAndDuplicatesChangeNothing() throws Exception {
        String user = "user-" + UUID.randomUUID();
        List<CloudEvent> events = new ArrayList<>();
        Tier[] tiers = {Tier.PRO, Tier.FREE, Tier.STUDIO, Tier.PRO, Tier.STUDIO};
        for (int revision = 1; revision <= tiers.length; revision++) {
            events.add(CloudEvent.of(
                    EventCatalog.ENTITLEMENTS,
                    BILLING,
                    user,
                    new EntitlementsV1(
                            user,
                            tiers[revision - 1],
                            "active",
                            Limits.of(tiers[revision - 1]),
                            revision,
                            Instant.now())));
        }
        List<CloudEvent> deliveries = new ArrayList<>(events);
        deliveries.addAll(events.subList(0, 3));
        Collections.shuffle(deliveries, new Random(7));
        deliveries.add(events.get(1)); // an old revision arriving last

        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (CloudEvent event : deliveries) {
                send(producer, event.subject(), event.data(), event);
            }
        }

        OutboxDeliveryTest.awaitConsumerCaughtUp(
                MashupsTestEnvironment.dedicatedKafka().clientProperties(),
                groupPrefix() + ".entitlements-projection",
                Topics.BILLING_ENTITLEMENTS);
        UserEntitlements now = current(user);
        assertEquals(Tier.STUDIO, now.tier());
        assertNull(now.limits().aiGenerationsPerMonth(), "studio has unlimited AI generations");
        assertEquals(5, inboxCount(events), "each distinct event recorded once");
    }

    @Test
    void userBillingNeverMentionedIsFree() throws Throwable {
        UserEntitlements unknown = current("nobody-" + UUID.randomUUID());
        assertEquals(Tier.FREE, unknown.tier());
        assertEquals(3, unknown.limits().mashupsPerMonth());
        assertEquals(0, unknown.limits().aiGenerationsPerMonth());
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String user = "broken-" + UUID.randomUUID();
        CloudEvent valid = CloudEvent.of(
                EventCatalog.ENTITLEMENTS,
                BILLING,
                user,
                new EntitlementsV1(user, Tier.PRO, "active", Limits.of(Tier.PRO), 1, Instant.now()));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, user, "{\"tier\":\"PLATINUM\"}".getBytes(StandardCharsets.UTF_8), valid);
        }

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(user);

        String reason = new String(dead.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("EntitlementsV1"), reason);
        assertEquals(
                "entitlements-projection",
                new String(dead.headers().lastHeader("dlq-consumer").value(), StandardCharsets.UTF_8));
        assertEquals(Tier.FREE, current(user).tier(), "nothing was applied");
    }

    private UserEntitlements current(String user) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> entitlements.of(user)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private long inboxCount(List<CloudEvent> events) throws Exception {
        try (var c = MashupsTestEnvironment.jdbc(schema());
                var s = c.prepareStatement(
                        "SELECT count(*) FROM inbox WHERE consumer = 'entitlements-projection' AND event_id = ANY(?)")) {
            s.setArray(
                    1,
                    c.createArrayOf("text", events.stream().map(CloudEvent::id).toArray()));
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value, CloudEvent attributes)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                EventCatalog.byName(attributes.type()).orElseThrow().topic(), key, value);
        attributes
                .headers()
                .forEach((name, v) -> record.headers().add(new RecordHeader(name, v.getBytes(StandardCharsets.UTF_8))));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.putAll(MashupsTestEnvironment.dedicatedKafka().clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return awaitDeadLetter(Topics.BILLING_ENTITLEMENTS, key, "entitlements-projection");
    }

    /** The first dead letter with this key that this consumer wrote to the topic's dead-letter topic. */
    static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key, String consumerName) {
        Properties props = new Properties();
        props.putAll(MashupsTestEnvironment.dedicatedKafka().clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.deadLetterOf(topic)));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    var deadConsumer = record.headers().lastHeader("dlq-consumer");
                    if (key.equals(record.key())
                            && deadConsumer != null
                            && consumerName.equals(new String(deadConsumer.value(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + key);
    }

    private static String schema() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("mashups.db.schema", String.class);
    }

    private static String groupPrefix() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mashups.kafka.group-prefix", String.class);
    }
}
