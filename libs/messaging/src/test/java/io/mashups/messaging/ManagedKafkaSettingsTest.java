package io.mashups.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Managed Kafkas need nothing but configuration: a client built with their documented settings finds every class
 * they name (building a client loads its login module and callback handler; it connects only when used).
 */
class ManagedKafkaSettingsTest {
    @Test
    void mskIamSettingsBuildAClient() {
        assertBuilds(Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "AWS_MSK_IAM",
                "sasl.jaas.config",
                "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class",
                "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
    }

    @Test
    void saslSslWithScramSettingsBuildAClient() {
        assertBuilds(Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";"));
    }

    private static void assertBuilds(Map<String, Object> settings) {
        Map<String, Object> props = new java.util.HashMap<>(settings);
        props.put("bootstrap.servers", "127.0.0.1:1");
        assertDoesNotThrow(() -> new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()).close());
    }
}
