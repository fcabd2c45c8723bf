package io.mashups.audio.stems;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.Pcm;
import io.mashups.audio.TestUploads;
import io.mashups.events.billing.Tier;
import io.mashups.media.MediaTools;
import io.mashups.media.Probe;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.mashups.testing.audio.SongSynth;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An upload split into stems through the API, against the real object store, Kafka and ffmpeg: the job, the four
 * stems each playable and adding back up to the upload, and who may ask.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class UploadStemsTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Test
    void aProUsersUploadSplitsIntoFourPlayableStemsThatAddUpToIt() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        Path dir = Files.createTempDirectory("stems");
        Path song = dir.resolve("song.wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(100, 4, false, 8, true, 7)).mix(), song);
        String upload = TestUploads.stored(token, song, "audio/wav");
        String path = "/api/media/uploads/" + upload + "/stems";

        JsonPath accepted = given().auth()
                .oauth2(token)
                .post(path)
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        String job = accepted.getString("jobId");
        assertEquals(
                job,
                given().auth()
                        .oauth2(token)
                        .post(path)
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("jobId"),
                "asking again answers the same job");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(token)
                                .get(accepted.getString("statusUrl"))
                                .then()
                                .extract()
                                .path("status")));

        JsonPath stems = given().auth()
                .oauth2(token)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("vocals", "drums", "bass", "other"), stems.getList("stems.stem"));
        float[] original = Pcm.read(song);
        float[] sum = new float[original.length];
        for (int i = 0; i < 4; i++) {
            Path stem = dir.resolve(stems.getString("stems[" + i + "].stem") + ".flac");
            HttpResponse<Path> download = TestUploads.HTTP.send(
                    HttpRequest.newBuilder(URI.create(stems.getString("stems[" + i + "].url")))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(stem));
            assertEquals(200, download.statusCode());
            Probe probe = MediaTools.probe(stem).orElseThrow();
            assertEquals("flac", probe.codec());
            assertEquals(stems.getDouble("stems[" + i + "].durationSec"), probe.durationSec(), 0.05);
            Pcm.addInto(sum, Pcm.read(stem));
        }
        double residualDb = Pcm.residualDb(original, sum);
        System.out.printf("stems of an upload: the sum's residual against the upload %.1f dB%n", residualDb);
        assertTrue(residualDb < -30, "stems add up to the upload within -30 dB: " + residualDb);
    }

    @Test
    void aSplitWhoseWorkerDiedIsTakenOverAndCompletesOnce() throws Exception {
        String user = TestEvents.userOn(Tier.PRO, schema);
        String token = TestTokens.forUser(user);
        Path song = Files.createTempDirectory("stems-dead").resolve("song.wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(110, 2, true, 4, true, 9)).mix(), song);
        String upload = TestUploads.stored(token, song, "audio/wav");
        String jobId = java.util.UUID.randomUUID().toString();
        // a worker claimed it, then died mid-separation: its lease runs out and no dispatch message will come again
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, subject_id, request, status, stage, progress, attempts, "
                        + "lease_owner, lease_until, created_at, updated_at) VALUES ('" + jobId + "', 'stems', '"
                        + user + "', '" + upload + "', '{}', 'running', 'separating', 15, 1, 'dead-worker', "
                        + "now() + interval '1 second', now(), now())");

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM jobs WHERE id = '" + jobId
                                        + "' AND status IN ('completed', 'failed')")
                        == 1);
        given().auth()
                .oauth2(token)
                .get("/api/media/uploads/" + upload + "/stems/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        assertEquals(2, MashupsTestEnvironment.count(schema, "SELECT attempts FROM jobs WHERE id = '" + jobId + "'"));
        assertEquals(
                4,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM upload_stems WHERE upload_id = '" + upload + "'"));
        given().auth()
                .oauth2(token)
                .get("/api/media/uploads/" + upload + "/stems")
                .then()
                .statusCode(200)
                .body("stems.stem", equalTo(List.of("vocals", "drums", "bass", "other")));
    }

    @Test
    void onlyTheOwnerOnATierWithStemExportsMayAsk() throws Exception {
        String free = TestEvents.userOn(Tier.FREE, schema);
        Path song = Files.createTempDirectory("stems").resolve("song.wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(120, 2, true, 2, false, 3)).mix(), song);
        String upload = TestUploads.stored(TestTokens.forUser(free), song, "audio/wav");
        String path = "/api/media/uploads/" + upload + "/stems";

        given().auth()
                .oauth2(TestTokens.forUser(free))
                .post(path)
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("limit", equalTo("stem exports"))
                .body("upgrade", equalTo("/api/billing/checkout"));
        given().auth().oauth2(TestTokens.forUser(free)).get(path).then().statusCode(402);
        String pro = TestEvents.userOn(Tier.PRO, schema);
        given().auth().oauth2(TestTokens.forUser(pro)).post(path).then().statusCode(404);
        given().auth().oauth2(TestTokens.forUser(pro)).get(path).then().statusCode(404);
        given().post(path).then().statusCode(401);
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE kind = 'stems' AND subject_id = '" + upload + "'"));
    }
}
