package io.mashups.analyticsingest.capture;

import io.mashups.analyticsingest.IngestConfig;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventJson;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.messaging.KafkaClients;
import io.mashups.messaging.KafkaRecords;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;

/**
 * Writes accepted events to {@code analytics.events}, the raw topic rollups are computed from and a warehouse exports,
 * with the idempotent acks=all producer every service uses. Written directly rather than through the outbox: a
 * capture is acknowledged once Kafka has it, at tens of thousands of events a second.
 */
@ApplicationScoped
public class RawEvents {
    private static final URI SOURCE = URI.create("/analytics-ingest");
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public RawEvents(KafkaClients kafka, IngestConfig config) {
        this.producer = kafka.producer("analytics-ingest");
        this.topic = config.rawTopic();
    }

    /** An event as the raw topic carries it: its idempotency key the CloudEvent id, keyed by its subject. */
    public static CloudEvent cloudEvent(AnalyticsEventV1 data, Instant receivedAt) {
        return new CloudEvent(
                data.idempotencyKey(),
                SOURCE,
                EventCatalog.ANALYTICS_EVENT.name(),
                data.subject(),
                receivedAt,
                EventJson.write(data));
    }

    /** Completes when Kafka has every event; fails if any of them was not written. */
    public CompletableFuture<Void> write(List<CloudEvent> events) {
        return send(events.stream()
                .map(event -> KafkaRecords.producerRecord(topic, event))
                .toList());
    }

    /**
     * Writes each event to every partition of the topic: an erasure is about a person, whose state the rollups keep
     * in the partitions of what they listened to, liked and followed.
     */
    public CompletableFuture<Void> writeToEveryPartition(List<CloudEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        try {
            for (PartitionInfo partition : producer.partitionsFor(topic)) {
                for (CloudEvent event : events) {
                    ProducerRecord<String, byte[]> record = KafkaRecords.producerRecord(topic, event);
                    records.add(new ProducerRecord<>(
                            topic, partition.partition(), record.key(), record.value(), record.headers()));
                }
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(records);
    }

    private CompletableFuture<Void> send(List<ProducerRecord<String, byte[]>> records) {
        CompletableFuture<?>[] written = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            written[i] = done;
            try {
                producer.send(records.get(i), (metadata, error) -> {
                    if (error == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                // send() itself throws when the topic's metadata cannot be had in max.block.ms (Kafka down)
                done.completeExceptionally(e);
            }
        }
        return CompletableFuture.allOf(written);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
