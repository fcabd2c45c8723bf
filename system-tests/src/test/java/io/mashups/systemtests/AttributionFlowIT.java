package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.audio.SongSynth;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Content ID as users meet it, only through the gateway: an administrator registers a song as a reference whose
 * rights holder blocks mashups; a creator uploads the same song (attributed to it by itself) and generates a mashup
 * of it with their own vocal; attribution finds the song in the mashup and blocks it, so audio-pipeline refuses to
 * make it public, until the creator's dispute is released by an administrator.
 *
 * <p>The songs are the same on every run: the generator must read their tempos right, which these seeds are known
 * to give. Content ID refuses a second reference of one recording, so the test removes its reference at the end.
 */
@ExtendWith(Fleet.class)
class AttributionFlowIT {

    @Test
    void aMashupOfABlockedSongIsBlockedUntilItsDisputeIsReleased() throws Exception {
        Path band = song(104, 7, true, 40, 7001);
        Path singer = song(100, 2, false, 40, 7002);
        String admin = FrontendSessionIT.devToken("label-admin-" + UUID.randomUUID(), "admin");
        String reference = MashupFlowIT.upload(admin, band, "band-original.wav");
        // attribution hears of the upload through audio.upload-stored: until then it is not found (404); a fleet that
        // outlived an interrupted run still holds that run's reference of this song (409): the administrator removes it
        String[] referenceId = new String[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response registered = given().auth()
                            .oauth2(admin)
                            .contentType("application/json")
                            .body(Map.of(
                                    "uploadId",
                                    reference,
                                    "title",
                                    "Original Band Song",
                                    "artist",
                                    "The Synths",
                                    "policy",
                                    "block"))
                            .post("/api/content-id/references");
                    assertTrue(List.of(201, 404, 409).contains(registered.statusCode()), registered.asString());
                    if (registered.statusCode() == 409) {
                        given().auth()
                                .oauth2(admin)
                                .delete("/api/content-id/references/" + registered.path("referenceId"))
                                .then()
                                .statusCode(204);
                    }
                    referenceId[0] = registered.statusCode() == 201 ? registered.path("id") : null;
                    return referenceId[0] != null;
                });

        String creator = "creator-" + UUID.randomUUID();
        String token = MashupFlowIT.subscriber(creator);
        String bandCopy = MashupFlowIT.upload(token, band, "band.wav");
        String vocal = MashupFlowIT.upload(token, singer, "me-singing.wav");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get("/api/attribution/uploads/" + bandCopy)
                                .path("status")));
        given().auth()
                .oauth2(token)
                .get("/api/attribution/uploads/" + bandCopy)
                .then()
                .statusCode(200)
                .body("sources.referenceId", hasItem(referenceId[0]))
                .body("sources[0].title", equalTo("Original Band Song"));

        String mashupId = MashupFlowIT.startGeneration(
                token, "{\"sources\":[\"" + vocal + "\",\"" + bandCopy + "\"],\"durationSec\":24,\"format\":\"mp3\"}");
        List<String> events = MashupFlowIT.sse(token, "/api/mashup/ai/" + mashupId + "/events");
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"completed\""), events.toString());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get("/api/attribution/mashups/" + mashupId)
                                .path("status")));
        Response attribution = given().auth().oauth2(token).get("/api/attribution/mashups/" + mashupId);
        attribution
                .then()
                .statusCode(200)
                .body("sources.referenceId", hasItem(referenceId[0]))
                .body("verdict.verdict", equalTo("blocked"))
                .body("verdict.reason", containsString("Original Band Song"));

        // audio-pipeline has the verdict: the mashup cannot be made public
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body("{\"visibility\":\"public\"}")
                                .patch("/api/mashups/" + mashupId)
                                .statusCode()
                        == 409);

        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("reason", "I have a licence"))
                .post("/api/content-id/verdicts/" + mashupId + "/dispute")
                .then()
                .statusCode(200)
                .body("dispute.status", equalTo("open"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("decision", "release"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("decision", "release", "note", "licensed"))
                .post("/api/content-id/disputes/" + mashupId + "/resolve")
                .then()
                .statusCode(200)
                .body("verdict", equalTo("attribute"));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body("{\"visibility\":\"public\"}")
                                .patch("/api/mashups/" + mashupId)
                                .statusCode()
                        == 200);

        String stranger = FrontendSessionIT.devToken("stranger-" + UUID.randomUUID(), "");
        given().auth()
                .oauth2(stranger)
                .get("/api/attribution/mashups/" + mashupId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .contentType("application/json")
                .body(Map.of("uploadId", bandCopy))
                .post("/api/attribution/identify")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .delete("/api/content-id/references/" + referenceId[0])
                .then()
                .statusCode(204);
    }

    private static Path song(double bpm, int tonic, boolean minor, int seconds, long seed) throws Exception {
        SongSynth.Spec spec = new SongSynth.Spec(bpm, tonic, minor, (int) Math.ceil(seconds * bpm / 240), false, seed);
        Path file = Files.createTempFile("song", ".wav");
        SongSynth.writeWav(
                SongSynth.render(spec, SongSynth.Arrangement.varied(seed)).mix(), file);
        return file;
    }
}
