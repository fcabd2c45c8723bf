package io.mashups.audio.cover;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mashups.audio.TestUploads;
import io.mashups.storage.ObjectStore;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Covers through the API against the real object store: drawn as a job on first request and served from storage
 * after, in each size and format, for whoever may see the mashup (anonymous for public ones), drawn again after a
 * rename, the owner's template choice, and gone with the mashup.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class CoverTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    ObjectStore store;

    /** A rendered mashup with its waveform file (sections and bars as the generator writes them). */
    private String mashup(String owner, String visibility) throws Exception {
        String id = "m-" + UUID.randomUUID();
        Path waveform = Files.createTempFile("waveform", ".json");
        StringBuilder peaks = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            peaks.append(i == 0 ? "" : ",")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", 0.3 + 0.6 * Math.abs(Math.sin(i / 40.0))));
        }
        Files.writeString(
                waveform,
                "{\"peaks\":[" + peaks + "],\"durationSec\":60,\"barSec\":2.4,\"sections\":[{\"fromSec\":0,"
                        + "\"toSec\":30,\"bed\":0},{\"fromSec\":30,\"toSec\":60,\"bed\":1}]}");
        store.upload("mashups/" + id + "/waveform.json", waveform, "application/json")
                .await()
                .indefinitely();
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) VALUES ('" + id
                        + "', 'mashup', '" + owner + "', '{}', 'completed', 'done', now(), now());"
                        + "INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, "
                        + "musical_key, format, audio_key, waveform_key, visibility, created_at, creator_name) VALUES ('"
                        + id + "', '" + owner + "', '" + id + "', 'Late night', '[]', 60, 100, 'C', 'mp3', 'k', "
                        + "'mashups/" + id + "/waveform.json', '" + visibility + "', now(), 'DJ Ada')");
        return id;
    }

    private static String location(String token, String query) {
        var request = given().redirects().follow(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.get("/api/thumbnails/" + query)
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
    }

    private static BufferedImage image(String url, String contentType) throws Exception {
        HttpResponse<byte[]> response = TestUploads.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(""));
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    private long coverJobs(String mashupId) throws Exception {
        return MashupsTestEnvironment.count(
                schema, "SELECT count(*) FROM jobs WHERE kind = 'cover' AND subject_id = '" + mashupId + "'");
    }

    @Test
    void aCoverIsDrawnOnceThenServedFromStorageInEachSizeAndFormat() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String id = mashup(owner, "public");

        String first = location(null, id);
        BufferedImage cover = image(first, "image/png");
        assertEquals(1080, cover.getWidth());
        assertEquals(1080, cover.getHeight());
        assertEquals(1, coverJobs(id));
        String again = location(null, id);
        assertEquals(URI.create(first).getPath(), URI.create(again).getPath(), "the stored cover, not a new one");
        assertEquals(1, coverJobs(id));

        BufferedImage preview = image(location(null, id + "?template=circular&size=1200x630&format=jpg"), "image/jpeg");
        assertEquals(1200, preview.getWidth());
        assertEquals(630, preview.getHeight());
        BufferedImage streaming = image(location(null, id + "?template=minimal&size=3000x3000"), "image/png");
        assertEquals(3000, streaming.getWidth());

        for (String bad : List.of("?template=neon", "?size=500x500", "?format=gif", "?size=1080x1080&format=webp")) {
            given().get("/api/thumbnails/" + id + bad).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void aPrivateMashupsCoverIsItsOwnersAndTheOwnerChoosesTheTemplate() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String id = mashup(owner, "private");
        given().redirects().follow(false).get("/api/thumbnails/" + id).then().statusCode(404);
        given().auth()
                .oauth2(TestTokens.forUser("someone-" + UUID.randomUUID()))
                .redirects()
                .follow(false)
                .get("/api/thumbnails/" + id)
                .then()
                .statusCode(404);
        location(TestTokens.forUser(owner), id);

        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body("{\"template\":\"waveform-bars\"}")
                .put("/api/mashups/" + id + "/cover")
                .then()
                .statusCode(200)
                .body("template", equalTo("waveform-bars"))
                .body("thumbnailUrl", equalTo("/api/thumbnails/" + id));
        String chosen = location(TestTokens.forUser(owner), id);
        assertEquals(true, URI.create(chosen).getPath().contains("/waveform-bars-1080x1080-"), chosen);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body("{\"template\":\"neon\"}")
                .put("/api/mashups/" + id + "/cover")
                .then()
                .statusCode(400);
    }

    @Test
    void aRenameDrawsTheCoverAgainAndDeletingTheMashupDeletesItsCovers() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        String id = mashup(owner, "unlisted");
        String before = URI.create(location(null, id)).getPath();

        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"title\":\"Early morning\"}")
                .patch("/api/mashups/" + id)
                .then()
                .statusCode(200);
        // audio.mashup-changed draws it again without anyone asking
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> coverJobs(id) == 2
                        && MashupsTestEnvironment.count(
                                        schema,
                                        "SELECT count(*) FROM jobs WHERE kind = 'cover' AND subject_id = '" + id
                                                + "' AND status = 'completed'")
                                == 2);
        String after = URI.create(location(null, id)).getPath();
        assertNotEquals(before, after, "a new version for the new title");
        assertEquals(2, coverJobs(id), "served the one drawn after the rename");
        assertEquals(404, objectStatus(before), "the old version's object is deleted");
        assertEquals(200, objectStatus(after));

        given().auth().oauth2(token).delete("/api/mashups/" + id).then().statusCode(204);
        assertEquals(
                0, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM covers WHERE mashup_id = '" + id + "'"));
        assertEquals(404, objectStatus(after), "the cover's object is deleted with the mashup");
    }

    /** The object store's answer for the object at a presigned URL's path (/bucket/key). */
    private int objectStatus(String presignedPath) throws Exception {
        String key = presignedPath.replaceFirst("^/[^/]+/", "");
        return TestUploads.HTTP
                .send(
                        HttpRequest.newBuilder(store.presignGet(key, Optional.empty()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
