package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.client.Ops;
import io.mashups.studio.client.StudioClient;
import io.mashups.testing.KafkaBroker;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The room log stalls (a frozen broker of this test's own): an op's sender is told {@code unavailable} after the
 * append timeout, and when the broker wakes up and takes the op after all, the sender gets the op itself (it no
 * longer holds it, so an ack would name nothing) and ends with the same document as everyone else.
 */
@QuarkusTest
@TestProfile(StudioLogStallTest.StallingLog.class)
class StudioLogStallTest {
    public static class StallingLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mashups.studio.rooms.append-timeout", "3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MashupsTestEnvironment.class, Map.of("kafka", "dedicated")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void anOpTakenAfterItsSenderWasToldUnavailableComesBackInFull() {
        String bearer = TestTokens.forUser("stalled-" + UUID.randomUUID());
        String id = given().auth()
                .oauth2(bearer)
                .contentType("application/json")
                .body(Map.of("title", "Stall"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        KafkaBroker kafka = MashupsTestEnvironment.dedicatedKafka();
        try (StudioClient writer = connect(bearer, id);
                StudioClient watcher = connect(bearer, id)) {
            assertEquals(
                    "ack",
                    writer.outcome(writer.op(Ops.addTrack("before", "Before")))
                            .path("type")
                            .asText());

            kafka.pause();
            String late;
            try {
                late = writer.op(Ops.addTrack("late", "Late"));
                JsonNode answer = writer.outcome(late);
                assertEquals("unavailable", answer.path("code").asText(), "told after the append timeout: " + answer);
            } finally {
                kafka.resume();
            }

            // the frozen broker had the op in its socket: it takes it now, in its place in the order
            JsonNode seen = watcher.await(m -> late.equals(m.path("clientOpId").asText()), Duration.ofSeconds(60));
            assertEquals("op", seen.path("type").asText());
            JsonNode back = writer.await(
                    m -> late.equals(m.path("clientOpId").asText())
                            && !"error".equals(m.path("type").asText()),
                    Duration.ofSeconds(20));
            assertEquals("op", back.path("type").asText(), "the sender gets the op it let go, not an ack: " + back);
            assertEquals(seen.get("seq"), back.get("seq"));

            await().atMost(Duration.ofSeconds(10)).until(() -> writer.seq() == watcher.seq());
            assertEquals(watcher.view(), writer.view());
            assertTrue(
                    writer.view().path("tracks").findValuesAsText("id").contains("late"),
                    writer.view().toString());
            try (StudioClient fresh = connect(bearer, id)) {
                assertEquals(fresh.view(), writer.view(), "the sender's document is the room's");
            }
        }
    }

    private StudioClient connect(String bearer, String projectId) {
        return StudioClient.connect(
                "ws://" + base.getHost() + ":" + base.getPort(), projectId, StudioClient.joinToken(bearer, projectId));
    }
}
