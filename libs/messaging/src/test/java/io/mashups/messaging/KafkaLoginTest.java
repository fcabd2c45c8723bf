package io.mashups.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.KafkaBroker;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The module's broker takes only SASL/SCRAM logins; the service gets its login from the kafka.* configuration alone. */
@QuarkusTest
@QuarkusTestResource(value = MashupsTestEnvironment.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class KafkaLoginTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    KafkaClients clients;

    @Test
    void serviceProducesAndConsumesThroughAScramListenerWithTheLoginOfItsConfiguration() throws Exception {
        KafkaBroker broker = MashupsTestEnvironment.dedicatedKafka();
        assertThrows(
                Exception.class,
                () -> clusterId(Map.of("bootstrap.servers", broker.bootstrapServers())),
                "a client that does not log in is not answered");
        Map<String, String> wrongPassword = new HashMap<>(KafkaBroker.scramLogin("not-the-password"));
        wrongPassword.put("bootstrap.servers", broker.bootstrapServers());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> clusterId(wrongPassword));
        assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        assertTrue(
                String.valueOf(clients.properties(Map.of()).get("sasl.jaas.config"))
                        .contains(KafkaBroker.SCRAM_USER),
                "the login came through the kafka.* configuration tree");

        String subject = "scram-" + UUID.randomUUID();
        given().queryParam("subject", subject)
                .queryParam("events", 3)
                .post("/test/commits")
                .then()
                .statusCode(200);

        // published by the outbox relay and applied by the event consumer, both logged in as the configuration says
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(subject) == 3);
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM outbox WHERE event_key = '" + subject + "'"));
    }

    private long applied(String subject) throws Exception {
        return MashupsTestEnvironment.count(
                schema, "SELECT count(*) FROM applied_effects WHERE subject = '" + subject + "'");
    }

    private static String clusterId(Map<String, String> settings) throws Exception {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("request.timeout.ms", "3000");
        props.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
    }
}
