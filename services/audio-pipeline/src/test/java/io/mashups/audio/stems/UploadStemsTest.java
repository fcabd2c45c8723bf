package io.mashups.audio.stems;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        Path original = dir.resolve("original.f32");
        MediaTools.decodePcm(song, original, 44100, 2);
        float[] sum = new float[samples(original).length];
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
            Path pcm = dir.resolve(i + ".f32");
            MediaTools.decodePcm(stem, pcm, 44100, 2);
            float[] samples = samples(pcm);
            for (int s = 0; s < Math.min(sum.length, samples.length); s++) {
                sum[s] += samples[s];
            }
        }
        double residualDb = residualDb(samples(original), sum);
        System.out.printf("stems of an upload: the sum's residual against the upload %.1f dB%n", residualDb);
        assertTrue(residualDb < -30, "stems add up to the upload within -30 dB: " + residualDb);
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

    private static float[] samples(Path f32le) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(f32le)).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(samples);
        return samples;
    }

    /** Energy of the difference relative to the original's, in dB. */
    private static double residualDb(float[] original, float[] sum) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < original.length; i++) {
            double difference = original[i] - (i < sum.length ? sum[i] : 0);
            signal += original[i] * (double) original[i];
            error += difference * difference;
        }
        return 10 * Math.log10(error / signal);
    }
}
