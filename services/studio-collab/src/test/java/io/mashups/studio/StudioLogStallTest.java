package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The room log stalls (a frozen broker of this test's own): an op still reaches the room at once, but its sender gets
 * no ack while the log cannot take it; after the append timeout the room closes (1011), and the sender, reconnecting
 * once the broker is back, sends the op again and gets it acknowledged, held once in everyone's document.
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
    void anOpTheStalledLogCouldNotTakeIsSentAgainAndAcknowledgedOnce() {
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
                // ordered and broadcast at once, by the room's owner
                JsonNode seen =
                        watcher.await(m -> late.equals(m.path("clientOpId").asText()), Duration.ofSeconds(5));
                assertEquals("op", seen.path("type").asText());
                // not acknowledged: the log does not have it; the room closes when it gives up on the log
                writer.awaitClosed(Duration.ofSeconds(30));
                assertEquals(1011, writer.closeCode(), "told to reconnect");
                assertFalse(writer.acknowledged().containsKey(late), "no ack for an op the log may not have");
            } finally {
                kafka.resume();
            }

            // the room opens again from what the log committed, and the watcher's op takes the sequence the lost
            // op had: the same seq, another op, another epoch
            JsonNode watcherBack = reconnect(watcher, bearer, id);
            assertTrue(watcherBack.has("snapshot"), "the watcher saw an op the log never had: " + watcherBack);
            assertEquals(
                    "ack",
                    watcher.outcome(watcher.op(Ops.addTrack("other", "Other")))
                            .path("type")
                            .asText());
            JsonNode resumed = reconnect(writer, bearer, id);
            assertTrue(resumed.has("snapshot"), "same seq, other epoch: a snapshot, not the ops after it: " + resumed);
            assertEquals("ack", writer.outcome(late).path("type").asText(), "the op sent again is acknowledged");
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.seq() == watcher.seq());
            assertEquals(watcher.view(), writer.view());
            List<String> tracks = writer.view().path("tracks").findValuesAsText("id");
            assertEquals(
                    List.of("before", "late", "other"), tracks.stream().sorted().toList(), tracks.toString());
            try (StudioClient fresh = connect(bearer, id)) {
                assertEquals(fresh.view(), writer.view(), "the sender's document is the room's");
            }
        }
    }

    /** Reconnects after the room closed; the room may take a moment to open again (the log's writer starts afresh). */
    private JsonNode reconnect(StudioClient client, String bearer, String projectId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return client.reconnect(
                        "ws://" + base.getHost() + ":" + base.getPort(),
                        projectId,
                        StudioClient.joinToken(bearer, projectId),
                        false);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private StudioClient connect(String bearer, String projectId) {
        return StudioClient.connect(
                "ws://" + base.getHost() + ":" + base.getPort(), projectId, StudioClient.joinToken(bearer, projectId));
    }
}
