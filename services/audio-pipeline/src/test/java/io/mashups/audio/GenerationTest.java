package io.mashups.audio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.events.EventCatalog;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.events.billing.Tier;
import io.mashups.media.MediaTools;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.mashups.testing.audio.SongSynth;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AI Magic Generator through its HTTP API, against the real Postgres, Kafka, object store and ffmpeg: uploads
 * are analysed by themselves, a generation is followed over SSE to a downloadable file, and plans, ownership, bad
 * input, cancellation and a dead worker are each checked.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class GenerationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path vocalSong;
    private static Path instrumentalSong;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void songs() throws Exception {
        Path dir = Files.createTempDirectory("generation");
        vocalSong = song(dir, new SongSynth.Spec(96, 2, false, 16, true, 31), "singer.mp3");
        instrumentalSong = song(dir, new SongSynth.Spec(104, 9, true, 16, false, 32), "band.mp3");
    }

    private static Path song(Path dir, SongSynth.Spec spec, String name) throws Exception {
        Path wav = dir.resolve(name + ".wav");
        SongSynth.writeWav(SongSynth.render(spec).mix(), wav);
        MediaTools.ffmpeg(
                List.of("-i", wav.toString(), "-b:a", "192k", dir.resolve(name).toString()));
        return dir.resolve(name);
    }

    private String[] storedSongs(String token) throws Exception {
        return new String[] {
            TestUploads.stored(token, vocalSong, "audio/mpeg"),
            TestUploads.stored(token, instrumentalSong, "audio/mpeg")
        };
    }

    private static String request(String vocals, String instrumental, String extra) {
        return "{\"sources\":[\"" + vocals + "\",\"" + instrumental + "\"],\"format\":\"mp3\"" + extra + "}";
    }

    @Test
    void generatesFollowsOverSseDownloadsAndKeepsTheMashupPrivate() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        String[] songs = storedSongs(token);

        // analysis runs by itself once an upload is stored
        await().atMost(Duration.ofSeconds(90))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/api/media/uploads/" + songs[0] + "/analysis")
                                .statusCode()
                        == 200);
        JsonNode analysis = JSON.readTree(given().auth()
                .oauth2(token)
                .get("/api/media/uploads/" + songs[0] + "/analysis")
                .asString());
        assertEquals("completed", analysis.path("status").asText());
        assertEquals(96, analysis.path("bpm").asDouble(), 96 * 0.02);
        assertEquals("D major", analysis.path("key").asText());
        assertTrue(analysis.path("downbeats").size() >= 14, "downbeats of 16 bars");

        String jobId = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], songs[1], ",\"targetBpm\":100,\"durationSec\":30,\"title\":\"First blend\""))
                .post("/api/mashup/ai")
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"))
                .extract()
                .path("jobId");

        List<JsonNode> events = followEvents(token, jobId);
        JsonNode last = events.get(events.size() - 1);
        assertEquals("completed", last.path("status").asText(), "last event " + last);
        for (int i = 1; i < events.size(); i++) {
            assertTrue(
                    events.get(i).path("progress").asInt()
                            >= events.get(i - 1).path("progress").asInt(),
                    "progress only grows");
        }
        assertTrue(
                events.stream().anyMatch(e -> e.path("stage").asText().equals("separating")),
                "stages reported: " + events);

        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("progress", equalTo(100))
                .body("result.title", equalTo("First blend"))
                .body("result.visibility", equalTo("private"))
                // what the generator chose, per source
                .body("result.mix.bpm", equalTo(100.0f))
                .body("result.mix.parts.role", contains("vocal", "instrumental"))
                .body("result.mix.parts[0].relation", equalTo("1:1"))
                .body("result.mix.compromises", empty());
        var vocalPart = given().auth()
                .oauth2(token)
                .get("/api/mashups/" + jobId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        float vocalBpm = vocalPart.getFloat("mix.parts[0].sourceBpm");
        assertEquals(96, vocalBpm, 2, "the vocal's own tempo");
        assertEquals(
                (100 / vocalBpm - 1) * 100,
                vocalPart.getFloat("mix.parts[0].stretchPercent"),
                0.1,
                "stretched from its tempo to the mix's");
        String location = given().auth()
                .oauth2(token)
                .redirects()
                .follow(false)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        Path downloaded = Files.createTempFile("mashup", ".mp3");
        HttpResponse<Path> file = TestUploads.HTTP.send(
                HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofFile(downloaded));
        assertEquals(200, file.statusCode());
        var probe = MediaTools.probe(downloaded).orElseThrow();
        assertEquals("mp3", probe.codec());
        assertEquals(30, probe.durationSec(), 0.5);

        given().auth()
                .oauth2(token)
                .get("/api/mashups?owner=me")
                .then()
                .statusCode(200)
                .body("id", hasItem(jobId));
        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        given().auth().oauth2(stranger).get("/api/mashup/ai/" + jobId).then().statusCode(404);
        given().auth()
                .oauth2(stranger)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(404);
        given().auth().oauth2(stranger).get("/api/mashups/" + jobId).then().statusCode(404);
        given().auth()
                .oauth2(stranger)
                .contentType("application/json")
                .body("{\"title\":\"mine now\"}")
                .patch("/api/mashups/" + jobId)
                .then()
                .statusCode(404);
        assertEquals(
                1, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM mashups WHERE job_id = '" + jobId + "'"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM outbox WHERE event_key = '" + jobId + "'")
                        == 0);

        // Content ID blocks it: it may be unlisted but not public; the owner renames it freely
        TestEvents.publish(
                EventCatalog.ATTRIBUTION_VERDICT,
                jobId,
                new AttributionVerdictV1(
                        jobId, user, "blocked", "matches a claimed recording", "claim-1", Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM mashup_verdicts WHERE mashup_id = '" + jobId + "'")
                        == 1);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"visibility\":\"public\"}")
                .patch("/api/mashups/" + jobId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("claimed recording"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"visibility\":\"unlisted\",\"title\":\"Renamed\"}")
                .patch("/api/mashups/" + jobId)
                .then()
                .statusCode(200)
                .body("visibility", equalTo("unlisted"))
                .body("title", equalTo("Renamed"));
        given().auth().oauth2(stranger).get("/api/mashups/" + jobId).then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"visibility\":\"everyone\"}")
                .patch("/api/mashups/" + jobId)
                .then()
                .statusCode(400);

        given().auth().oauth2(token).delete("/api/mashups/" + jobId).then().statusCode(204);
        given().auth().oauth2(token).get("/api/mashups/" + jobId).then().statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(410);
    }

    @Test
    void plansLimitGenerations() throws Exception {
        String free = TestTokens.forUser("free-" + UUID.randomUUID());
        String[] songs = storedSongs(free);
        given().auth()
                .oauth2(free)
                .contentType("application/json")
                .body(request(songs[0], songs[1], ""))
                .post("/api/mashup/ai")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("limit", equalTo("AI generations per month"))
                .body("allowed", equalTo(0))
                .body("upgrade", equalTo("/api/billing/checkout"));
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE kind = 'mashup' AND owner_id LIKE 'free-%'"));
    }

    @Test
    void badRequestsAreClear4xxAndQueueNothing() throws Exception {
        String user = TestEvents.userOn(Tier.STUDIO, schema);
        String token = TestTokens.forUser(user);
        String[] songs = storedSongs(token);
        String others = TestUploads.stored(TestTokens.forUser("other-" + UUID.randomUUID()), vocalSong, "audio/mpeg");
        String post = "/api/mashup/ai";
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"sources\":[\"" + songs[0] + "\"],\"format\":\"mp3\"}")
                .post(post)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("sources"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"sources\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"format\":\"mp3\"}")
                .post(post)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], others, ""))
                .post(post)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], songs[0], ""))
                .post(post)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], songs[1], ",\"targetKey\":\"H major\""))
                .post(post)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("targetKey"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], songs[1], ",\"targetBpm\":400"))
                .post(post)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(request(songs[0], songs[1], "").replace("mp3", "ogg"))
                .post(post)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("format"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"sources\":")
                .post(post)
                .then()
                .statusCode(400);
        given().contentType("application/json")
                .body(request(songs[0], songs[1], ""))
                .post(post)
                .then()
                .statusCode(401);
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE kind = 'mashup' AND owner_id = '" + user + "'"));
    }

    @Test
    void aCancelledJobLeavesNoMashupAndNothingToDownload() throws Exception {
        String user = TestEvents.userOn(Tier.STUDIO, schema);
        String token = TestTokens.forUser(user);
        String[] songs = storedSongs(token);
        String body = request(songs[0], songs[1], ",\"durationSec\":20");
        String jobId = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("Idempotency-Key", "cancel-me")
                .body(body)
                .post("/api/mashup/ai")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("Idempotency-Key", "cancel-me")
                .body(body)
                .post("/api/mashup/ai")
                .then()
                .statusCode(202)
                .body("jobId", equalTo(jobId));

        given().auth()
                .oauth2(token)
                .delete("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        given().auth()
                .oauth2(token)
                .delete("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        given().auth()
                .oauth2(stranger)
                .get("/api/mashup/ai/" + jobId + "/events")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + UUID.randomUUID() + "/events")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(409)
                .body("detail", containsString("cancelled"))
                .body("status", equalTo(409))
                .body("jobStatus", equalTo("cancelled"));
        Thread.sleep(8000); // longer than a lease renewal: a worker that had started it has noticed by now
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        assertEquals(
                0, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM mashups WHERE job_id = '" + jobId + "'"));
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAndCompletesOnce() throws Exception {
        String user = TestEvents.userOn(Tier.STUDIO, schema);
        String token = TestTokens.forUser(user);
        String[] songs = storedSongs(token);
        String jobId = UUID.randomUUID().toString();
        // a worker claimed it, then died: its lease runs out and no dispatch message will come again
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, request, status, stage, progress, attempts, lease_owner, "
                        + "lease_until, created_at, updated_at) VALUES ('" + jobId + "', 'mashup', '" + user
                        + "', '{\"sources\":[\""
                        + songs[0] + "\",\"" + songs[1] + "\"],\"vocalsFrom\":\"" + songs[0]
                        + "\",\"instrumentals\":[\"" + songs[1]
                        + "\"],\"durationSec\":20,\"format\":\"wav\"}', 'running', 'separating', 30, 1, 'dead-worker', now() + interval '1 second', "
                        + "now(), now())");

        await().atMost(Duration.ofSeconds(120))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM jobs WHERE id = '" + jobId
                                        + "' AND status IN ('completed', 'failed')")
                        == 1);
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        assertEquals(2, MashupsTestEnvironment.count(schema, "SELECT attempts FROM jobs WHERE id = '" + jobId + "'"));
        assertEquals(
                1, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM mashups WHERE job_id = '" + jobId + "'"));
    }

    private List<JsonNode> followEvents(String token, String jobId) throws Exception {
        HttpResponse<java.io.InputStream> response = TestUploads.HTTP.send(
                HttpRequest.newBuilder(base.toURI().resolve("/api/mashup/ai/" + jobId + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(180))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(JSON.readTree(line.substring(5)));
                }
            }
        }
        assertFalse(events.isEmpty(), "progress events");
        return events;
    }
}
