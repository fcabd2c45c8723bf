package io.mashups.captions;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.captions.engine.SpokenFixture;
import io.mashups.captions.format.SubtitleReadBack;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupChangedV1;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.storage.ObjectStore;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Captions through the API against the real Postgres, Kafka, object store, ffmpeg and pocketsphinx: a rendered
 * mashup is captioned by itself, lyrics are aligned on request, the files download with the right types and ffmpeg
 * reads them, and nobody else sees them.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class CaptionApiTest {
    private static SpokenFixture speech;

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @BeforeAll
    static void fixture() throws Exception {
        speech = SpokenFixture.make(Files.createTempDirectory("captions-api"), SpokenFixture.PHRASES.subList(0, 6), 3);
    }

    /** A mashup as audio-pipeline announces it, its audio in the object store. */
    private String rendered(String owner, String visibility, boolean withVocalStem) {
        String id = UUID.randomUUID().toString();
        store.upload("mashups/" + id + "/mashup.wav", speech.audio(), "audio/wav")
                .await()
                .indefinitely();
        if (withVocalStem) {
            store.upload("mashups/" + id + "/vocals.wav", speech.audio(), "audio/wav")
                    .await()
                    .indefinitely();
            TestEvents.publish(
                    EventCatalog.STEMS_READY,
                    id,
                    new StemsReadyV1(
                            id, "mashup", owner, "builtin", Map.of("vocals", "mashups/" + id + "/vocals.wav")));
        }
        TestEvents.publish(
                EventCatalog.MASHUP_RENDERED,
                id,
                new MashupRenderedV1(
                        id,
                        owner,
                        id,
                        "test",
                        List.of("a", "b"),
                        "mashups/" + id + "/mashup.wav",
                        "wav",
                        speech.durationSec(),
                        120,
                        "C major",
                        visibility));
        return id;
    }

    private void awaitStatus(String token, String mashupId, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var response = given().auth().oauth2(token).get("/api/captions/" + mashupId);
                    return response.statusCode() == 200 && status.equals(response.path("status"));
                });
    }

    @Test
    void aRenderedMashupIsCaptionedByItselfAndLyricsAreAlignedOnRequest() throws Exception {
        String owner = "singer-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        String mashupId = rendered(owner, "private", true);

        awaitStatus(token, mashupId, "completed");
        given().auth()
                .oauth2(token)
                .get("/api/captions/" + mashupId)
                .then()
                .statusCode(200)
                .body("engine", equalTo("pocketsphinx"))
                .body("lowConfidence", equalTo(true));

        String jobId = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("mashupId", mashupId, "language", "en", "lyrics", speech.lyrics()))
                .post("/api/captions/generate")
                .then()
                .statusCode(202)
                .extract()
                .path("jobId");
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            var response = given().auth().oauth2(token).get("/api/captions/" + mashupId);
            return jobId.equals(response.path("jobId")) && "completed".equals(response.path("status"));
        });
        // the automatic captions were background work; the user's request is taken before any such work
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM jobs WHERE subject_id = '" + mashupId + "' AND background AND id <> '"
                                + jobId + "'"));
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE id = '" + jobId + "' AND NOT background"));
        given().auth()
                .oauth2(token)
                .get("/api/captions/" + mashupId)
                .then()
                .statusCode(200)
                .body("engine", equalTo("pocketsphinx-aligner"))
                .body("lowConfidence", equalTo(false))
                .body("language", equalTo("en"))
                .body("segments[0].words[0].word", equalTo("the"))
                .body("srt", startsWith("1\n00:00:"))
                .body("vtt", startsWith("WEBVTT\n\n"))
                // the seed plan's shape, beside the fields older clients read
                .body("captions.segments[0].start", notNullValue())
                .body("captions.segments[0].end", notNullValue())
                .body("captions.segments[0].text", not(emptyOrNullString()))
                .body("captions.srt", startsWith("1\n00:00:"))
                .body("captions.vtt", startsWith("WEBVTT\n\n"))
                .body("captions.txt", not(emptyOrNullString()));

        String srt = given().auth()
                .oauth2(token)
                .get("/api/captions/" + mashupId + ".srt")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-subrip"))
                .extract()
                .asString();
        String vtt = given().auth()
                .oauth2(token)
                .get("/api/captions/" + mashupId + ".vtt")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/vtt"))
                .extract()
                .asString();
        assertTrue(SubtitleReadBack.cues(srt, "srt") > 0, "ffmpeg reads the SRT");
        assertTrue(SubtitleReadBack.cues(vtt, "webvtt") > 0, "ffmpeg reads the WebVTT");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MashupsTestEnvironment.count(schema, "SELECT count(*) FROM outbox") == 0);

        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        given().auth()
                .oauth2(stranger)
                .get("/api/captions/" + mashupId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(stranger)
                .get("/api/captions/" + mashupId + ".srt")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .contentType("application/json")
                .body(Map.of("mashupId", mashupId))
                .post("/api/captions/generate")
                .then()
                .statusCode(404);

        // the owner corrects text and timing; the files follow
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"segments\":[{\"start\":1.0,\"end\":3.0,\"text\":\"The river knows our names\"},"
                        + "{\"start\":3.5,\"end\":6.0,\"text\":\"Hold on, we are almost home\"}]}")
                .put("/api/captions/" + mashupId)
                .then()
                .statusCode(200)
                .body("edited", equalTo(true))
                .body(
                        "srt",
                        equalTo("1\n00:00:01,000 --> 00:00:03,000\nThe river knows our names\n\n"
                                + "2\n00:00:03,500 --> 00:00:06,000\nHold on, we are almost home\n\n"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(
                        "{\"segments\":[{\"start\":1.0,\"end\":3.0,\"text\":\"a\"},{\"start\":2.5,\"end\":4.0,\"text\":\"b\"}]}")
                .put("/api/captions/" + mashupId)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("segments[1].start"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"segments\":[{\"start\":-1.0,\"end\":3.0,\"text\":\"a\"}]}")
                .put("/api/captions/" + mashupId)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("segments[0].start"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"segments\":[{\"start\":3.0,\"end\":2.0,\"text\":\"a\"}]}")
                .put("/api/captions/" + mashupId)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(stranger)
                .contentType("application/json")
                .body("{\"segments\":[{\"start\":1.0,\"end\":2.0,\"text\":\"mine\"}]}")
                .put("/api/captions/" + mashupId)
                .then()
                .statusCode(404);
    }

    @Test
    void aPublicMashupsCaptionsAreReadableByAnyone() {
        String owner = "public-" + UUID.randomUUID();
        String mashupId = rendered(owner, "public", false);
        awaitStatus(TestTokens.forUser(owner), mashupId, "completed");
        given().auth()
                .oauth2(TestTokens.forUser("fan-" + UUID.randomUUID()))
                .get("/api/captions/" + mashupId + ".vtt")
                .then()
                .statusCode(200)
                .body(startsWith("WEBVTT"));
    }

    @Test
    void captionsFollowTheMashupsVisibilityAndGoWithIt() {
        String owner = "changer-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        String fan = TestTokens.forUser("fan-" + UUID.randomUUID());
        String mashupId = rendered(owner, "private", false);
        awaitStatus(token, mashupId, "completed");
        given().auth().oauth2(fan).get("/api/captions/" + mashupId).then().statusCode(404);

        TestEvents.publish(
                EventCatalog.MASHUP_CHANGED, mashupId, new MashupChangedV1(mashupId, owner, "test", "public", false));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(fan)
                                .get("/api/captions/" + mashupId)
                                .statusCode()
                        == 200);

        TestEvents.publish(
                EventCatalog.MASHUP_CHANGED, mashupId, new MashupChangedV1(mashupId, owner, "test", "public", true));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/api/captions/" + mashupId)
                                .statusCode()
                        == 404);
    }

    @Test
    void badRequestsAreClear4xx() {
        String owner = "careful-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("mashupId", "no-such-mashup"))
                .post("/api/captions/generate")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("mashupId", "x", "language", "xx"))
                .post("/api/captions/generate")
                .then()
                .statusCode(422)
                .body("detail", containsString("English"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("mashupId", "x", "language", "english"))
                .post("/api/captions/generate")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("language"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .post("/api/captions/generate")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("mashupId"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("mashupId", "x", "lyrics", "... !!! ..."))
                .post("/api/captions/generate")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lyrics"));
        given().auth().oauth2(token).get("/api/captions/no-such-mashup").then().statusCode(404);
        given().get("/api/captions/anything").then().statusCode(401);
    }
}
