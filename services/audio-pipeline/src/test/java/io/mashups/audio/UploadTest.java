package io.mashups.audio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uploads through presigned URLs to the local object store, judged by the real ffprobe and ffmpeg. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class UploadTest {
    private static Path dir;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @jakarta.inject.Inject
    io.mashups.storage.ObjectStore store;

    /** Synthesised fixtures: a 3 s stereo tone as WAV, MP3 and FLAC, and a FLAC cut in the middle. */
    @BeforeAll
    static void fixtures() throws Exception {
        dir = Files.createTempDirectory("uploads");
        ffmpeg(
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=3",
                "-ac",
                "2",
                dir.resolve("tone.wav").toString());
        ffmpeg(
                "-i",
                dir.resolve("tone.wav").toString(),
                "-b:a",
                "128k",
                dir.resolve("tone.mp3").toString());
        ffmpeg(
                "-i",
                dir.resolve("tone.wav").toString(),
                dir.resolve("tone.flac").toString());
        byte[] flac = Files.readAllBytes(dir.resolve("tone.flac"));
        Files.write(dir.resolve("cut.flac"), Arrays.copyOf(flac, flac.length / 2));
        Files.writeString(dir.resolve("notes.txt"), "these are not the songs you are looking for\n".repeat(100));
        Files.write(dir.resolve("empty.mp3"), new byte[0]);
    }

    @Test
    void wavAndMp3AreStoredWithTheirAudioPropertiesAndAnnounced() throws Exception {
        String token = TestTokens.forUser("creator-" + UUID.randomUUID());
        for (String name : List.of("tone.wav", "tone.mp3")) {
            String contentType = name.endsWith(".wav") ? "audio/wav" : "audio/mpeg";
            String id = upload(token, name, contentType);

            Number duration = TestUploads.complete(token, id)
                    .body("sampleRate", equalTo(44100))
                    .body("channels", equalTo(2))
                    .body("codec", equalTo(name.endsWith(".wav") ? "pcm_s16le" : "mp3"))
                    .extract()
                    .path("durationSec");
            assertEquals(3.0, duration.doubleValue(), 0.1, name + " duration");
            TestUploads.complete(token, id);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> MashupsTestEnvironment.count(
                                    schema, "SELECT count(*) FROM outbox WHERE event_key = '" + id + "'")
                            == 0);
            assertTrue(store.head(objectKey(id)).await().indefinitely().isPresent(), name + " kept in storage");
        }
        given().auth()
                .oauth2(token)
                .get("/api/media/uploads")
                .then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("fileName", hasItem("tone.mp3"));
    }

    @Test
    void theUploadUrlCannotReplaceAudioOnceValidated() throws Exception {
        String token = TestTokens.forUser("replacer-" + UUID.randomUUID());
        Response ticket = TestUploads.ticket(token, "tone.wav", "audio/wav");
        String id = ticket.path("id");
        assertEquals(
                200,
                TestUploads.put(ticket.path("uploadUrl"), dir.resolve("tone.wav"), "audio/wav")
                        .statusCode());
        TestUploads.complete(token, id);

        // the URL is still valid for minutes
        TestUploads.put(ticket.path("uploadUrl"), dir.resolve("notes.txt"), "audio/wav");

        Path kept =
                store.download(objectKey(id), dir.resolve("kept-" + id)).await().indefinitely();
        assertArrayEquals(Files.readAllBytes(dir.resolve("tone.wav")), Files.readAllBytes(kept), "the bytes judged");
        TestUploads.complete(token, id).body("codec", equalTo("pcm_s16le"));
    }

    @Test
    void nonAudioEmptyAndTruncatedFilesAreRejectedAndDeleted() throws Exception {
        String token = TestTokens.forUser("careless-" + UUID.randomUUID());
        for (String[] bad : new String[][] {
            {"notes.txt", "audio/mpeg", "not audio"},
            {"empty.mp3", "audio/mpeg", "empty"},
            {"cut.flac", "audio/flac", "truncated"}
        }) {
            String id = upload(token, bad[0], bad[1]);

            given().auth()
                    .oauth2(token)
                    .post("/api/media/uploads/" + id + "/complete")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", containsString(bad[2]));

            Response shown = given().auth().oauth2(token).get("/api/media/uploads/" + id);
            shown.then().statusCode(200).body("status", equalTo("rejected"));
            assertEquals(
                    0,
                    MashupsTestEnvironment.count(schema, "SELECT count(*) FROM outbox WHERE event_key = '" + id + "'"),
                    "nothing announced");
            String key = "uploads/" + id;
            assertEquals(
                    1,
                    MashupsTestEnvironment.count(
                            schema,
                            "SELECT count(*) FROM uploads WHERE object_key = '" + key + "' AND status = 'rejected'"));
            assertTrue(store.head(key).await().indefinitely().isEmpty(), bad[0] + " deleted from storage");
        }
    }

    @Test
    void completingBeforeUploadingIs409AndOthersUploadsAre404() {
        String owner = TestTokens.forUser("owner-" + UUID.randomUUID());
        String id = given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"fileName\":\"a.mp3\",\"contentType\":\"audio/mpeg\"}")
                .post("/api/media/uploads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(owner)
                .post("/api/media/uploads/" + id + "/complete")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        given().auth()
                .oauth2(stranger)
                .get("/api/media/uploads/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(stranger)
                .post("/api/media/uploads/" + id + "/complete")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .get("/api/media/uploads/does-not-exist")
                .then()
                .statusCode(404);
        given().get("/api/media/uploads").then().statusCode(401);
    }

    @Test
    void badUploadRequestsAre400() {
        String token = TestTokens.forUser("typo-" + UUID.randomUUID());
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"fileName\":\"a.exe\",\"contentType\":\"application/x-msdownload\"}")
                .post("/api/media/uploads")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("contentType"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"fileName\":\"../../etc/passwd\",\"contentType\":\"audio/mpeg\"}")
                .post("/api/media/uploads")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("fileName"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"fileName\":")
                .post("/api/media/uploads")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .queryParam("size", 1000)
                .get("/api/media/uploads")
                .then()
                .statusCode(400);
    }

    private String objectKey(String uploadId) throws Exception {
        try (var db = MashupsTestEnvironment.jdbc(schema);
                var query = db.prepareStatement("SELECT object_key FROM uploads WHERE id = ?")) {
            query.setString(1, uploadId);
            var row = query.executeQuery();
            assertTrue(row.next(), uploadId);
            return row.getString(1);
        }
    }

    private static String upload(String token, String file, String contentType)
            throws IOException, InterruptedException {
        return TestUploads.upload(token, dir.resolve(file), contentType);
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor() == 0, "ffmpeg " + String.join(" ", args));
    }
}
