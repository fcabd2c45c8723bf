package io.mashups.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds every Kafka client of a service (outbox relay, event consumers, admin, the studio's room log) from one
 * configuration tree: the {@code kafka.*} properties (or {@code KAFKA_*} environment variables), which Quarkus and
 * SmallRye Reactive Messaging read too. Any Kafka client property passes through, so SASL/SCRAM, SASL_SSL with a
 * truststore or MSK IAM are configuration only. A client adds what its own guarantees need (acks, offsets, timeouts)
 * on top; the tree is for where Kafka is and how to log in.
 */
@ApplicationScoped
public class KafkaClients {
    private final MessagingConfig config;
    private final Map<String, Object> connection;

    public KafkaClients(MessagingConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        // consumer groups are named per handler here, never from the tree's application-wide default
        Map<String, Object> tree = new HashMap<>(kafkaConfig);
        tree.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.connection = Map.copyOf(tree);
    }

    /** The configuration tree with a client's own settings on top: for clients with serializers of their own. */
    public Properties properties(Map<String, ?> clientSettings) {
        Properties props = new Properties();
        props.putAll(connection);
        props.putAll(clientSettings);
        return props;
    }

    /** Idempotent, acks=all; keeps per-key order within one relay. */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(
                properties(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                                clientId + "-" + UUID.randomUUID().toString().substring(0, 8),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                        ProducerConfig.LINGER_MS_CONFIG, "2",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                String.valueOf(Math.max(
                                        7000, config.relay().sendTimeout().toMillis() - 1000)))),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** For creating and altering topics at start; answers within 15 s or fails. */
    public Admin admin() {
        return Admin.create(properties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000")));
    }

    public String groupId(String handlerName) {
        return config.groupPrefix() + "." + handlerName;
    }
}
