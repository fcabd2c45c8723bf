package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.events.EventCatalog;
import io.mashups.events.billing.Tier;
import io.mashups.studio.client.Ops;
import io.mashups.studio.client.StudioClient;
import io.mashups.studio.document.ProjectDocument;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.RawWebSocket;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The studio WebSocket on one replica against the real Kafka and Postgres (two replicas: the system tests). */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class StudioSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.studio.join-token-secret")
    String joinSecret;

    private String ws() {
        return "ws://" + base.getHost() + ":" + base.getPort();
    }

    /** A project owned by a new pro user with an editor and a viewer: tokens of owner, editor, viewer, then the id. */
    private String[] team() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String editor = "editor-" + UUID.randomUUID();
        String viewer = "viewer-" + UUID.randomUUID();
        String ownerToken = TestTokens.forUser(owner);
        String id = given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("title", "Jam"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String[] member : List.of(new String[] {editor, "editor"}, new String[] {viewer, "viewer"})) {
            given().auth()
                    .oauth2(ownerToken)
                    .contentType("application/json")
                    .body(Map.of("userId", member[0], "role", member[1]))
                    .post("/api/projects/" + id + "/members")
                    .then()
                    .statusCode(200);
        }
        return new String[] {ownerToken, TestTokens.forUser(editor), TestTokens.forUser(viewer), id};
    }

    private StudioClient connect(String bearer, String projectId) {
        return StudioClient.connect(ws(), projectId, StudioClient.joinToken(bearer, projectId));
    }

    /** The project's document as stored (what the persister last wrote), as clients see it. */
    private static JsonNode storedView(String bearer, String projectId) throws Exception {
        return ProjectDocument.fromSnapshot(JSON.readTree(given().auth()
                                .oauth2(bearer)
                                .get("/api/projects/" + projectId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .get("document"))
                .view();
    }

    private static String type(JsonNode message) {
        return message.path("type").asText();
    }

    @Test
    void membersEditTogetherSeeEachOtherAndViewersOnlyWatch() throws Exception {
        String[] team = team();
        String id = team[3];
        try (StudioClient owner = connect(team[0], id);
                StudioClient editor = connect(team[1], id);
                StudioClient viewer = connect(team[2], id)) {
            JsonNode ownerAck = owner.outcome(owner.op(Ops.addTrack("drums", "Drums")));
            assertEquals("ack", type(ownerAck));
            JsonNode seen = editor.await(
                    m -> type(m).equals("op")
                            && m.path("op").path("trackId").asText().equals("drums"),
                    Duration.ofSeconds(10));
            assertEquals(ownerAck.get("seq"), seen.get("seq"), "one sequence for everyone");
            assertEquals("ack", type(editor.outcome(editor.op(Ops.addClip("drums", "loop", 4, 8)))));

            editor.send(
                    "{\"type\":\"presence\",\"cursor\":{\"x\":120,\"y\":40},\"selection\":{\"clipId\":\"loop\"},\"playheadSec\":3.5}");
            JsonNode presence = owner.await(
                    m -> type(m).equals("presence")
                            && m.at("/presence/cursor/x").asInt() == 120,
                    Duration.ofSeconds(10));
            assertEquals("loop", presence.at("/presence/selection/clipId").asText());
            assertTrue(presence.path("color").asText().startsWith("#"));

            JsonNode refused = viewer.outcome(viewer.op(Ops.set("track", "drums", "volume", 0.1)));
            assertEquals("forbidden", refused.path("code").asText());
            assertEquals("ack", type(owner.outcome(owner.transport("play", 12))));
            viewer.await(
                    m -> type(m).equals("op")
                            && m.path("op").path("kind").asText().equals("transport"),
                    Duration.ofSeconds(10));

            long before = System.currentTimeMillis();
            owner.send("{\"type\":\"ping\",\"t\":" + before + "}");
            JsonNode pong = owner.await(m -> type(m).equals("pong"), Duration.ofSeconds(5));
            assertEquals(before, pong.get("t").asLong());
            assertTrue(Math.abs(pong.get("serverTime").asLong() - before) < 5000);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> viewer.seq() == owner.seq() && editor.seq() == owner.seq());
            assertEquals(owner.view(), editor.view());
            assertEquals(owner.view(), viewer.view());
            JsonNode playing = owner.view().get("transport");
            assertTrue(playing.get("playing").asBoolean());
            assertEquals(12.0, playing.get("positionSec").asDouble());
            assertEquals(0.0, owner.view().at("/tracks/0/clips/0/offset").asDouble());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> given().auth()
                                    .oauth2(team[0])
                                    .get("/api/projects/" + id + "/collaborators")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("users.findAll { it.online }")
                                    .size()
                            == 3);
            // the seed plan's cursor: the editor's last presence, as its replica stored it
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Integer.valueOf(120)
                            .equals(given().auth()
                                    .oauth2(team[0])
                                    .get("/api/projects/" + id + "/collaborators")
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .get("users.find { it.cursor != null }.cursor.x")));
            // the owner sees the editor come and go
            editor.close();
            owner.await(m -> type(m).equals("left"), Duration.ofSeconds(10));
        }
    }

    @Test
    void onlyAValidJoinTokenForThisProjectOpensIt() throws Exception {
        String[] team = team();
        String id = team[3];
        String[] other = team();
        assertEquals(
                403,
                assertThrows(
                                StudioClient.Refused.class,
                                () -> StudioClient.connect(ws(), id, StudioClient.joinToken(other[0], other[3])))
                        .status(),
                "another project's token");
        assertEquals(
                401,
                assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(ws(), id, "not-a-token"))
                        .status());
        assertEquals(
                401,
                assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(ws(), id, ""))
                        .status());
        String expired = Jwt.issuer("mashups-studio")
                .subject("someone")
                .audience(id)
                .claim("role", "owner")
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(300))
                .signWithSecret(joinSecret);
        assertEquals(
                401,
                assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(ws(), id, expired))
                        .status());
        String forged = Jwt.issuer("mashups-studio")
                .subject("someone")
                .audience(id)
                .claim("role", "owner")
                .expiresAt(Instant.now().plusSeconds(60))
                .signWithSecret("a-different-secret-of-thirty-two-bytes!!");
        assertEquals(
                401,
                assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(ws(), id, forged))
                        .status());
        given().auth()
                .oauth2(TestTokens.forUser("stranger-" + UUID.randomUUID()))
                .post("/api/projects/" + id + "/join")
                .then()
                .statusCode(404);

        // a member removed after getting a token cannot use it, and one removed while connected is shown out
        String viewerJoin = StudioClient.joinToken(team[2], id);
        try (StudioClient editor = connect(team[1], id)) {
            String editorId = subjectOf(team[1]);
            String viewerId = subjectOf(team[2]);
            given().auth()
                    .oauth2(team[0])
                    .delete("/api/projects/" + id + "/members/" + viewerId)
                    .then()
                    .statusCode(204);
            assertEquals(
                    403,
                    assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(ws(), id, viewerJoin))
                            .status());
            given().auth()
                    .oauth2(team[0])
                    .delete("/api/projects/" + id + "/members/" + editorId)
                    .then()
                    .statusCode(204);
            editor.awaitClosed(Duration.ofSeconds(10));
            assertEquals(4403, editor.closeCode());
        }
    }

    private static String subjectOf(String bearer) throws Exception {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(bearer.split("\\.")[1]));
        return JSON.readTree(payload).get("sub").asText();
    }

    @Test
    void aReconnectingClientGetsWhatItMissedOrASnapshot() throws Exception {
        String[] team = team();
        String id = team[3];
        try (StudioClient owner = connect(team[0], id)) {
            owner.outcome(owner.op(Ops.addTrack("keys", "Keys")));
            StudioClient editor = connect(team[1], id);
            await().atMost(Duration.ofSeconds(10)).until(() -> editor.seq() == owner.seq());
            editor.abort();

            String last = null;
            for (int i = 0; i < 100; i++) {
                last = owner.op(Ops.set("track", "keys", "volume", (i % 20) / 10.0));
            }
            owner.outcome(last);
            JsonNode caughtUp = editor.reconnect(ws(), id, StudioClient.joinToken(team[1], id), false);
            assertFalse(caughtUp.has("snapshot"));
            assertEquals(100, caughtUp.get("ops").size(), "exactly the ops missed");
            assertEquals(owner.seq(), caughtUp.get("seq").asLong());
            assertEquals(owner.view(), editor.view());

            editor.close();
            for (int i = 0; i < 200; i++) { // beyond the catch-up window of 150 (test profile)
                last = owner.op(Ops.set("track", "keys", "pan", (i % 20) / 10.0 - 1));
            }
            owner.outcome(last);
            JsonNode fresh = editor.reconnect(ws(), id, StudioClient.joinToken(team[1], id), false);
            assertTrue(fresh.has("snapshot"), "too far behind: a snapshot");
            assertEquals(owner.view(), editor.view());
            editor.close();
        }
    }

    @Test
    void anOpSentAgainAfterADropIsAcknowledgedNotAppliedTwice() throws Exception {
        String[] team = team();
        String id = team[3];
        try (StudioClient owner = connect(team[0], id);
                StudioClient editor = connect(team[1], id)) {
            String message =
                    "{\"type\":\"op\",\"clientOpId\":\"again-1\",\"op\":" + Ops.addTrack("twice", "Twice") + "}";
            editor.send(message);
            JsonNode first = editor.await(m -> type(m).equals("ack"), Duration.ofSeconds(10));
            // the ack was lost with the connection: the client sends the op again on its next one
            editor.reconnect(ws(), id, StudioClient.joinToken(team[1], id), true);
            editor.send(message);
            JsonNode again = editor.await(
                    m -> type(m).equals("ack")
                            && m != first
                            && m.path("clientOpId").asText().equals("again-1"),
                    Duration.ofSeconds(10));
            assertEquals(first.get("seq"), again.get("seq"), "the op's one place");
            assertEquals("ack", type(owner.outcome(owner.op(Ops.set("track", "twice", "mute", true)))));
            await().atMost(Duration.ofSeconds(10)).until(() -> editor.seq() == owner.seq());
            assertEquals(1, owner.view().path("tracks").size(), owner.view().toString());
            assertEquals(owner.view(), editor.view());
            assertEquals(
                    1,
                    owner.received().stream()
                            .filter(m -> type(m).equals("op")
                                    && m.path("clientOpId").asText().equals("again-1"))
                            .count(),
                    "the room saw the op once");
        }
    }

    @Test
    void badMessagesGetErrorsAndTheRoomKeepsServingTheOthers() throws Exception {
        String[] team = team();
        String id = team[3];
        try (StudioClient owner = connect(team[0], id);
                StudioClient editor = connect(team[1], id)) {
            editor.send("{not json");
            assertEquals(
                    "malformed",
                    editor.await(m -> type(m).equals("error"), Duration.ofSeconds(5))
                            .path("code")
                            .asText());
            editor.send("{\"type\":\"dance\"}");
            editor.await(m -> m.path("code").asText().equals("unknown-type"), Duration.ofSeconds(5));
            assertEquals(
                    "unknown-op",
                    editor.outcome(editor.op(Ops.op("explode"))).path("code").asText());
            assertEquals(
                    "not-found",
                    editor.outcome(editor.op(Ops.addClip("no-such-track", "c1", 0, 4)))
                            .path("code")
                            .asText());
            assertEquals(
                    "invalid-op",
                    editor.outcome(editor.op(Ops.addTrack("t1", "x").put("volume", 7)))
                            .path("code")
                            .asText());
            editor.send("{\"type\":\"op\",\"op\":{\"kind\":\"addTrack\",\"trackId\":\"t2\"}}");
            editor.await(m -> m.path("message").asText().contains("clientOpId"), Duration.ofSeconds(5));
            editor.sendBinary(new byte[] {1, 2, 3});
            editor.await(m -> m.path("message").asText().contains("binary"), Duration.ofSeconds(5));
            editor.send("{\"type\":\"presence\",\"note\":\"" + "x".repeat(100_000) + "\"}");
            editor.await(m -> m.path("code").asText().equals("too-large"), Duration.ofSeconds(5));
            assertEquals("ack", type(owner.outcome(owner.op(Ops.addTrack("still-here", "Bass")))), "the room goes on");

            // a message over the frame limit closes that connection only
            try (StudioClient big = connect(team[1], id)) {
                big.send("{\"type\":\"presence\",\"note\":\"" + "y".repeat(1_200_000) + "\"}");
                big.awaitClosed(Duration.ofSeconds(10));
                assertEquals(1009, big.closeCode());
            }
            // a flood is refused and then disconnected
            try (StudioClient flooder = connect(team[1], id)) {
                int sent = 0;
                while (sent < 3000 && flooder.sendUnlessClosed("{\"type\":\"ping\",\"t\":" + sent + "}")) {
                    sent++;
                }
                flooder.await(m -> m.path("code").asText().equals("rate-limited"), Duration.ofSeconds(5));
                flooder.awaitClosed(Duration.ofSeconds(10));
                assertEquals(1008, flooder.closeCode());
            }
            assertEquals("ack", type(owner.outcome(owner.op(Ops.set("track", "still-here", "mute", true)))));
            await().atMost(Duration.ofSeconds(10)).until(() -> editor.seq() == owner.seq());
            assertEquals(owner.view(), editor.view());
        }
    }

    @Test
    void oneLargeFrameBadUtf8AndOddPresenceAreAnsweredAsDocumented() throws Exception {
        String[] team = team();
        String id = team[3];
        try (StudioClient owner = connect(team[0], id)) {
            try (RawWebSocket raw = raw(team[1], id)) {
                // a whole 100 KB message in one frame (what Vert.x's default frame limit reset): an error, no more
                raw.sendText("{\"type\":\"presence\",\"note\":\"" + "x".repeat(100_000) + "\"}");
                raw.awaitLine(line -> line.contains("\"too-large\""));
                raw.sendText("{\"type\":\"ping\",\"t\":7}");
                raw.awaitLine(line -> line.contains("\"pong\""));

                ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
                notUtf8.write("{\"type\":\"ping\",\"t\":\"".getBytes(StandardCharsets.UTF_8));
                notUtf8.write(new byte[] {(byte) 0xc3, (byte) 0x28});
                notUtf8.write("\"}".getBytes(StandardCharsets.UTF_8));
                raw.sendText(notUtf8.toByteArray());
                assertEquals(1007, raw.awaitClose());
            }
            try (RawWebSocket raw = raw(team[1], id)) {
                // a frame announcing more than 1 MiB is refused from its header
                raw.sendTextStart(1_200_000, "{\"type\":\"presence\",\"note\":\"".getBytes(StandardCharsets.UTF_8));
                assertEquals(1009, raw.awaitClose());
            }

            try (StudioClient editor = connect(team[1], id)) {
                editor.send("{\"type\":\"presence\",\"cursor\":{\"x\":1,\"y\":2},\"blob\":{\"a\":\""
                        + "z".repeat(60_000) + "\"}}");
                editor.await(m -> m.path("message").asText().contains("unknown field \"blob\""), Duration.ofSeconds(5));
                editor.send("{\"type\":\"presence\",\"selection\":{\"clipIds\":"
                        + JSON.writeValueAsString(java.util.Collections.nCopies(51, "clip")) + "}}");
                editor.await(m -> m.path("message").asText().contains("selection.clipIds"), Duration.ofSeconds(5));
                editor.send("{\"type\":\"presence\",\"cursor\":{\"x\":\"\"}}");
                editor.await(m -> m.path("message").asText().contains("cursor.x"), Duration.ofSeconds(5));
                assertEquals(
                        "invalid-presence",
                        editor.await(m -> type(m).equals("error"), Duration.ofSeconds(5))
                                .path("code")
                                .asText());

                editor.send("{\"type\":\"cursor\",\"x\":3,\"y\":4,\"timestamp\":1795618604200}"); // the seed plan's
                JsonNode relayed = owner.await(m -> type(m).equals("presence"), Duration.ofSeconds(10))
                        .get("presence");
                assertEquals(List.of("x", "y", "timestamp"), List.copyOf(iterable(relayed.fieldNames())));
                assertEquals(3, relayed.get("x").asInt(), "the first presence relayed is the valid one");
            }
        }
    }

    private RawWebSocket raw(String bearer, String projectId) throws Exception {
        RawWebSocket raw = RawWebSocket.connect(
                URI.create(ws() + "/ws/studio/" + projectId + "?token=" + StudioClient.joinToken(bearer, projectId)));
        raw.awaitLine(line -> line.contains("\"init\""));
        return raw;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        List<T> all = new java.util.ArrayList<>();
        items.forEachRemaining(all::add);
        return all;
    }

    @Test
    void opsAreStoredWithSnapshotsAndTheProjectFollows() throws Exception {
        String[] team = team();
        String id = team[3];
        JsonNode expected;
        long lastSeq;
        try (StudioClient owner = connect(team[0], id)) {
            owner.outcome(owner.op(Ops.addTrack("vox", "Vocals")));
            String last = null;
            for (int i = 0; i < 120; i++) {
                last = owner.op(Ops.set("track", "vox", "volume", (i % 10) / 10.0));
            }
            owner.outcome(last);
            expected = owner.view();
            lastSeq = owner.seq();
        }
        String project = "project_id = '" + id + "'";
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        MashupsTestEnvironment.count(schema, "SELECT count(*) FROM room_ops WHERE " + project) >= 100);
        assertTrue(
                MashupsTestEnvironment.count(schema, "SELECT max(seq) FROM room_snapshots WHERE " + project) > 0,
                "snapshots taken");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> storedView(team[1], id).equals(expected));
        // studio.project-changed follows the document, debounced: a handful of events for 121 ops
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestEvents.published(EventCatalog.PROJECT_CHANGED, id).stream()
                        .anyMatch(changed -> changed.sequence() == lastSeq));
        long documentEvents = TestEvents.published(EventCatalog.PROJECT_CHANGED, id).stream()
                .filter(c -> c.sequence() >= 0)
                .count();
        assertTrue(documentEvents >= 1 && documentEvents <= 5, documentEvents + " events for 121 ops");
        // a late joiner starts from the same document
        try (StudioClient late = connect(team[2], id)) {
            assertEquals(expected, late.view());
        }
    }

    @Test
    void opsWhoseStoringFailedAreStoredOnceItWorksAgain() throws Exception {
        String[] team = team();
        String id = team[3];
        String project = "project_id = '" + id + "'";
        try (StudioClient owner = connect(team[0], id)) {
            // the persister at work: the first op is stored
            owner.outcome(owner.op(Ops.addTrack("keys", "Keys")));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> MashupsTestEnvironment.count(schema, "SELECT count(*) FROM room_ops WHERE " + project)
                            == 1);
            // then its positions table gone: every batch fails to store and is read again
            MashupsTestEnvironment.execute(schema, "ALTER TABLE room_log_positions RENAME TO room_log_positions_away");
            JsonNode expected;
            try {
                String last = null;
                for (int i = 0; i < 40; i++) {
                    last = owner.op(Ops.set("track", "keys", "pan", (i % 9 - 4) / 4.0));
                }
                owner.outcome(last);
                expected = owner.view();
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(3))
                        .until(() ->
                                MashupsTestEnvironment.count(schema, "SELECT count(*) FROM room_ops WHERE " + project)
                                        == 1);
            } finally {
                MashupsTestEnvironment.execute(
                        schema, "ALTER TABLE room_log_positions_away RENAME TO room_log_positions");
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> MashupsTestEnvironment.count(
                                    schema, "SELECT count(DISTINCT seq) FROM room_ops WHERE " + project)
                            == 41);
            assertEquals(41, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM room_ops WHERE " + project));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> storedView(team[0], id).equals(expected));
        }
    }
}
