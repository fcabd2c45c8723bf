package io.mashups.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a service uses Kafka: its event source, consumer groups, relay and consumer settings. Where Kafka is and how to
 * log in is the {@code kafka.*} tree that {@link KafkaClients} reads.
 */
@ConfigMapping(prefix = "mashups.kafka")
public interface MessagingConfig {
    /** URI of this service in the CloudEvents {@code source} attribute, e.g. {@code /services/billing}. */
    String source();

    /** Consumer groups are {@code <group-prefix>.<handler name>}; tests give each run its own prefix. */
    String groupPrefix();

    Relay relay();

    /** Topics this service owns that must be log-compacted (latest value per key kept), created or altered at start. */
    java.util.Optional<java.util.List<String>> compactedTopics();

    /** Partitions of topics this service creates. */
    @WithDefault("3")
    int partitions();

    Consumer consumer();

    interface Relay {
        /** Whether this replica runs an outbox relay (every replica may: claims are exclusive). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("200")
        int batchSize();

        /** How long to wait before looking again when the outbox is empty. */
        @WithDefault("50ms")
        Duration pollInterval();

        /** How long a claim is exclusive; a relay that dies mid-batch leaves its rows to others after this. */
        @WithDefault("30s")
        Duration lease();

        /** How long the relay waits before claiming again after Kafka refused or timed out a send. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** Upper bound for one send to be acknowledged by Kafka. */
        @WithDefault("15s")
        Duration sendTimeout();
    }

    interface Consumer {
        /** Attempts (each its own transaction) before an event goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second attempt; it doubles (with jitter) for each attempt after. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }
}
