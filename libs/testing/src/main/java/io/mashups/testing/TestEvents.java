package io.mashups.testing;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventData;
import io.mashups.events.EventType;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Publishes events as another service would (binary CloudEvents on the type's topic), for consumers under test, and
 * reads what a service under test published.
 */
public final class TestEvents {
    private TestEvents() {}

    /**
     * A new user on the given plan, as billing announces it on billing.entitlements, once the service under test
     * (whose schema this is) has it in its entitlements projection.
     */
    public static String userOn(Tier tier, String schema) {
        String user = tier.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
        publish(
                EventCatalog.ENTITLEMENTS,
                user,
                new EntitlementsV1(user, tier, "active", Limits.of(tier), 1, Instant.now()));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM entitlements WHERE user_id = '" + user + "'")
                        == 1);
        return user;
    }

    /** Every event of a type published so far about one subject, oldest first (reads the type's topic to its end). */
    public static <T extends EventData> List<T> published(EventType<T> type, String subject) {
        return published(type, type.topic(), subject);
    }

    /** The same on another topic than the type's own (a service under test that writes to a topic of its run). */
    public static <T extends EventData> List<T> published(EventType<T> type, String topic, String subject) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tests-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subject.equals(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        record.headers()
                                .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                        CloudEvent event = CloudEvent.fromHeaders(headers, record.value());
                        if (event.is(type)) {
                            found.add(event.dataAs(type));
                        }
                    }
                }
            }
        }
        return found;
    }

    public static <T extends EventData> CloudEvent publish(EventType<T> type, String subject, T data) {
        CloudEvent event = event(type, subject, data);
        publishAll(List.of(event));
        return event;
    }

    /** A CloudEvent as a test's producer makes it, to publish later (once, twice, in any order). */
    public static <T extends EventData> CloudEvent event(EventType<T> type, String subject, T data) {
        return CloudEvent.of(type, URI.create("/tests"), subject, data);
    }

    /** A CloudEvent made at a given time (a test's clock), not the wall clock's now. */
    public static <T extends EventData> CloudEvent eventAt(EventType<T> type, String subject, T data, Instant at) {
        CloudEvent event = event(type, subject, data);
        return new CloudEvent(event.id(), event.source(), event.type(), event.subject(), at, event.data());
    }

    /** Publishes events in this order, each to its type's topic keyed by its subject, one producer for all. */
    public static void publishAll(List<CloudEvent> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (CloudEvent event : events) {
                String topic = EventCatalog.byName(event.type())
                        .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()))
                        .topic();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.subject(), event.data());
                for (Map.Entry<String, String> header : event.headers().entrySet()) {
                    record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
                }
                sent.add(producer.send(record));
            }
            for (Future<?> result : sent) {
                result.get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + events.size() + " events", e);
        }
    }
}
