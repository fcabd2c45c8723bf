package io.mashups.audio.vocals;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.TestRows;
import io.mashups.audio.TestUploads;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.UploadStoredV1;
import io.mashups.events.billing.Tier;
import io.mashups.media.MediaTools;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** AI vocals through the API, with the local engine, real object storage, Kafka and ffmpeg. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class VocalsTest {
    private static final String LYRICS = "Under the silver lights we wander home\nHold on, the morning's coming soon";

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Test
    void aVocalFittedToAMashupBecomesAStoredUploadWithItsAudio() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        String mashup = "m-" + UUID.randomUUID();
        TestRows.mashup(schema, mashup, user, "private", 112, "A minor");
        String body = json(Map.of("lyrics", LYRICS, "style", "singing", "voiceId", "local:tenor", "mashupId", mashup));
        String key = UUID.randomUUID().toString();

        JsonPath accepted =
                generate(token, body, key).then().statusCode(202).extract().jsonPath();
        String job = accepted.getString("jobId");
        assertEquals(job, generate(token, body, key).path("jobId"), "the same Idempotency-Key, the same job");
        List<String> progress = given().auth()
                .oauth2(token)
                .accept("text/event-stream")
                .get(accepted.getString("eventsUrl"))
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> line.startsWith("data:"))
                .toList();
        assertTrue(progress.get(progress.size() - 1).contains("\"status\":\"completed\""), progress.toString());

        JsonPath done = given().auth()
                .oauth2(token)
                .get("/api/ai/vocals/" + job)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("vocal.bpm", equalTo(112.0f))
                .body("vocal.key", equalTo("A minor"))
                .body("vocal.voiceId", equalTo("local:tenor"))
                .extract()
                .jsonPath();
        Path mp3 = Files.createTempFile("vocal", ".mp3");
        HttpResponse<Path> download = TestUploads.HTTP.send(
                HttpRequest.newBuilder(URI.create(done.getString("audioUrl"))).build(),
                HttpResponse.BodyHandlers.ofFile(mp3));
        assertEquals(200, download.statusCode());
        double seconds = MediaTools.probe(mp3).orElseThrow().durationSec();
        assertEquals(done.getDouble("vocal.durationSec"), seconds, 0.1, "the MP3 is the whole vocal");
        assertTrue(seconds > 10, "two phrases at 112 bpm last several bars: " + seconds);

        String upload = done.getString("vocal.uploadId");
        given().auth()
                .oauth2(token)
                .get("/api/media/uploads/" + upload)
                .then()
                .statusCode(200)
                .body("status", equalTo("stored"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !TestEvents.published(EventCatalog.UPLOAD_STORED, upload)
                        .isEmpty());
        UploadStoredV1 stored =
                TestEvents.published(EventCatalog.UPLOAD_STORED, upload).get(0);
        assertEquals(user, stored.ownerId());
        assertEquals("flac", stored.codec());
    }

    @Test
    void aCancelledVocalStopsAndKeepsNothing() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        String lyrics = String.join("\n", java.util.Collections.nCopies(48, "Under the silver lights we wander home"));
        String job = generate(token, json(Map.of("lyrics", lyrics)), null)
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        given().auth()
                .oauth2(token)
                .delete("/api/ai/vocals/" + job)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        given().auth()
                .oauth2(TestTokens.forUser(TestEvents.userOn(Tier.PRO, schema)))
                .delete("/api/ai/vocals/" + job)
                .then()
                .statusCode(404);
        Thread.sleep(2000); // a running job notices at its next step
        given().auth()
                .oauth2(token)
                .get("/api/ai/vocals/" + job)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("audioUrl", org.hamcrest.Matchers.nullValue());
        assertEquals(0, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM vocals WHERE id = '" + job + "'"));
    }

    @Test
    void badRequestsAreRefusedAndLeaveNoJob() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        String stranger = TestEvents.userOn(Tier.PRO, schema);
        Path song = Files.createTempFile("reference", ".wav");
        MediaTools.ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=220:duration=2", song.toString()));
        String strangersUpload = TestUploads.stored(TestTokens.forUser(stranger), song, "audio/wav");
        Path text = Files.writeString(Files.createTempFile("not-audio", ".wav"), "just words, no audio");
        String notAudio = TestUploads.upload(token, text, "audio/wav");
        given().auth()
                .oauth2(token)
                .post("/api/media/uploads/" + notAudio + "/complete")
                .then()
                .statusCode(422);

        Map<Object, Integer> refusals = Map.ofEntries(
                Map.entry(Map.of("lyrics", ""), 400),
                Map.entry(Map.of("lyrics", "la ".repeat(3334)), 400),
                Map.entry(Map.of("lyrics", "<b>hello</b> world"), 400),
                Map.entry(Map.of("lyrics", "hello [[h@l'oU]]"), 400),
                Map.entry(Map.of("lyrics", "nul\u0000byte"), 400),
                Map.entry(Map.of("lyrics", "hello", "melodyRef", "up\u0000load"), 400),
                Map.entry(Map.of("lyrics", "hello", "mashupId", "m\u0000"), 400),
                Map.entry(Map.of("lyrics", "hello", "voiceId", "local:castrato"), 400),
                Map.entry(Map.of("lyrics", "hello", "voiceId", "nobody:alto"), 400),
                Map.entry(Map.of("lyrics", "hello", "style", "opera"), 400),
                Map.entry(Map.of("lyrics", "hello", "key", "H major"), 400),
                Map.entry(Map.of("lyrics", "hello", "style", "rap", "melodyRef", notAudio), 400),
                Map.entry(Map.of("lyrics", "Привет, как дела"), 422),
                Map.entry(Map.of("lyrics", "hello", "voiceId", "replicate:en_speaker_6"), 422),
                // configured for the tests, at an address nothing answers: the provider's failure is a 502
                Map.entry(Map.of("lyrics", "hello", "voiceId", "elevenlabs:rachel"), 502),
                Map.entry(Map.of("lyrics", "hello", "melodyRef", strangersUpload), 404),
                Map.entry(Map.of("lyrics", "hello", "melodyRef", notAudio), 422),
                Map.entry(Map.of("lyrics", "hello", "mashupId", "m-nobody"), 404));
        refusals.forEach((body, status) ->
                generate(token, json(body), null).then().statusCode(status).contentType("application/problem+json"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"lyrics\":\"a\",\"lyrics\":\"b\"}")
                .post("/api/ai/vocals/generate")
                .then()
                .statusCode(400);
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE kind = 'vocals' AND owner_id = '" + user + "'"));
        given().auth()
                .oauth2(TestTokens.forUser(stranger))
                .get("/api/ai/vocals/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(token)
                .get("/api/ai/vocals/j%00")
                .then()
                .statusCode(400);
    }

    @Test
    void vocalsCountWithAiGenerationsAndFreePlansHaveNone() throws Exception {
        String free = TestTokens.forUser("free-" + UUID.randomUUID());
        generate(free, json(Map.of("lyrics", "hello there")), null)
                .then()
                .statusCode(402)
                .body("upgrade", equalTo("/api/billing/checkout"));

        String user = TestEvents.userOn(Tier.PRO, schema);
        StringBuilder used = new StringBuilder();
        for (int i = 0; i < 20; i++) { // Pro's 20 AI generations this month, all mashups
            used.append("INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) ")
                    .append("VALUES ('")
                    .append(UUID.randomUUID())
                    .append("', 'mashup', '")
                    .append(user)
                    .append("', '{}', 'completed', 'done', now(), now());");
        }
        MashupsTestEnvironment.execute(schema, used.toString());
        generate(TestTokens.forUser(user), json(Map.of("lyrics", "hello there")), null)
                .then()
                .statusCode(402)
                .body("limit", equalTo("AI generations per month"));
    }

    @Test
    void theVoicesOfEveryEngineAreListedWithTheProvidersUnavailableWithoutKeys() {
        String token = TestTokens.forUser(TestEvents.userOn(Tier.PRO, schema));
        given().auth()
                .oauth2(token)
                .get("/api/ai/vocals/voices")
                .then()
                .statusCode(200)
                .body("voices.id", hasItem("local:alto"))
                .body("voices.find { it.id == 'local:alto' }.available", equalTo(true))
                .body("voices.find { it.id == 'replicate:en_speaker_6' }.available", equalTo(false))
                .body("engines.find { it.id == 'replicate' }.available", equalTo(false))
                .body("engines.find { it.id == 'replicate' }.reason", equalTo("not configured: no API key"))
                .body("engines.find { it.id == 'elevenlabs' }.available", equalTo(false))
                .body("engines.find { it.id == 'elevenlabs' }.reason", equalTo("its API could not be reached"))
                .body("engines.find { it.id == 'local' }.available", equalTo(true))
                .body("defaultVoice", equalTo("local:alto"));
        given().get("/api/ai/vocals/voices").then().statusCode(401);
    }

    private static Response generate(String token, String body, String idempotencyKey) {
        var request =
                given().auth().oauth2(token).contentType("application/json").body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/ai/vocals/generate");
    }

    private static String json(Object body) {
        try {
            return io.mashups.json.Json.mapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
