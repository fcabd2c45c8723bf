package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through the gateway: a pro user has lyrics sung by the local engine, follows the job over SSE, downloads the vocal,
 * and uses it (stored as one of their uploads) as the vocal source of an AI Magic Generator mashup.
 */
@ExtendWith(Fleet.class)
class VocalFlowIT {
    private static final String LYRICS = "Under the silver lights we wander home\n"
            + "Every little heartbeat calling out your name\n"
            + "Hold on, the morning's coming soon";

    @Test
    void aGeneratedVocalIsFollowedDownloadedAndMixedIntoAMashup() throws Exception {
        String token = MashupFlowIT.subscriber("singer-" + UUID.randomUUID());
        String[] job = new String[1];
        // 402 until the plan change has travelled from billing to audio-pipeline
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response accepted = given().auth()
                            .oauth2(token)
                            .contentType("application/json")
                            .body(Map.of(
                                    "lyrics",
                                    LYRICS,
                                    "style",
                                    "singing",
                                    "voiceId",
                                    "local:alto",
                                    "bpm",
                                    100,
                                    "key",
                                    "A minor"))
                            .post("/api/ai/vocals/generate");
                    if (accepted.statusCode() == 202) {
                        SeedContract.assertAnswers(
                                "POST /api/ai/vocals/generate", "VocalsGenerateResponse", accepted.asString());
                    }
                    job[0] = accepted.statusCode() == 202 ? accepted.path("jobId") : null;
                    return job[0] != null;
                });

        List<String> events = MashupFlowIT.sse(token, "/api/ai/vocals/" + job[0] + "/events");
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"completed\""), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("\"stage\":\"singing\"")), events.toString());

        String answer =
                given().auth().oauth2(token).get("/api/ai/vocals/" + job[0]).asString();
        SeedContract.assertAnswers("GET /api/ai/vocals/{jobId}", "VocalsStatusResponse", answer);
        JsonPath vocal = given().auth()
                .oauth2(token)
                .get("/api/ai/vocals/" + job[0])
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("vocal.key", equalTo("A minor"))
                .extract()
                .jsonPath();
        Path mp3 = Files.createTempFile("vocal", ".mp3");
        HttpResponse<Path> download = MashupFlowIT.HTTP.send(
                HttpRequest.newBuilder(URI.create(vocal.getString("audioUrl"))).build(),
                HttpResponse.BodyHandlers.ofFile(mp3));
        assertEquals(200, download.statusCode());
        double seconds = MashupFlowIT.durationOf(mp3);
        assertEquals(vocal.getDouble("vocal.durationSec"), seconds, 0.1);
        assertTrue(seconds >= 20, "three phrases at 100 bpm: " + seconds + " s");

        // the vocal is one of the singer's uploads: the generator sings it over a band
        String sung = vocal.getString("vocal.uploadId");
        given().auth()
                .oauth2(token)
                .get("/api/media/uploads/" + sung)
                .then()
                .statusCode(200)
                .body("status", equalTo("stored"));
        String band = MashupFlowIT.upload(token, MashupFlowIT.song(100, 220, 30), "band.wav");
        String generation = MashupFlowIT.startGeneration(
                token,
                "{\"sources\":[\"" + sung + "\",\"" + band + "\"],\"vocalsFrom\":\"" + sung
                        + "\",\"durationSec\":20,\"format\":\"mp3\"}");
        String status = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth()
                                .oauth2(token)
                                .get("/api/mashup/ai/" + generation)
                                .<String>path("status"),
                        done -> "completed".equals(done) || "failed".equals(done));
        assertEquals(
                "completed",
                status,
                given().auth().oauth2(token).get("/api/mashup/ai/" + generation).asString());
        given().auth()
                .oauth2(token)
                .get("/api/mashup/ai/" + generation)
                .then()
                .body("result.sources", org.hamcrest.Matchers.hasItem(sung));
    }
}
