package io.mashups.testing;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import io.mashups.events.EventData;
import io.mashups.events.EventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events as another service would (binary CloudEvents on the type's topic), for consumers under test. */
public final class TestEvents {
    private TestEvents() {
    }

    /**
     * A new user on the given plan, as billing announces it on billing.entitlements, once the service under test
     * (whose schema this is) has it in its entitlements projection.
     */
    public static String userOn(Tier tier, String schema) {
        String user = tier.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        publish(EventCatalog.ENTITLEMENTS, user, new EntitlementsV1(user, tier, "active", Limits.of(tier), 1, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                MashupsTestEnvironment.count(schema, "SELECT count(*) FROM entitlements WHERE user_id = '" + user + "'") == 1);
        return user;
    }

    public static <T extends EventData> CloudEvent publish(EventType<T> type, String subject, T data) {
        CloudEvent event = CloudEvent.of(type, URI.create("/tests"), subject, data);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), subject, event.data());
            for (Map.Entry<String, String> header : event.headers().entrySet()) {
                record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.name(), e);
        }
        return event;
    }
}
