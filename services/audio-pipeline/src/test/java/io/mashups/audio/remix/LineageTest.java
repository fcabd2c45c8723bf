package io.mashups.audio.remix;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.audio.Pcm;
import io.mashups.events.EventCatalog;
import io.mashups.events.billing.Tier;
import io.mashups.events.studio.ProjectPublishedV1;
import io.mashups.media.MediaTools;
import io.mashups.storage.ObjectStore;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A chain of three remixes, each published from its studio project (studio.project-published) and rendered as a
 * mashup: the lineage up from the last and down from the first, who sees which part, and the sources a published
 * project may use.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class LineageTest {
    private static final List<String> STEMS = List.of("vocals", "drums", "bass", "other");

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    ObjectStore store;

    /** A rendered mashup with four real 10 s stems (a tone each) in the object store. */
    private String mashupWithStems(String owner) throws Exception {
        String id = "m-" + UUID.randomUUID();
        Path dir = Files.createTempDirectory("lineage");
        StringBuilder sql = new StringBuilder()
                .append(
                        "INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) VALUES ('")
                .append(id)
                .append("', 'mashup', '")
                .append(owner)
                .append("', '{}', 'completed', 'done', now(), now());")
                .append("INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, ")
                .append("musical_key, format, audio_key, waveform_key, visibility, created_at) VALUES ('")
                .append(id)
                .append("', '")
                .append(owner)
                .append("', '")
                .append(id)
                .append("', 'Late night', '[]', 10, 100, 'C', 'mp3', 'k', 'w', 'public', now());");
        for (int i = 0; i < STEMS.size(); i++) {
            Path flac = dir.resolve(STEMS.get(i) + ".flac");
            MediaTools.ffmpeg(List.of(
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=" + (220 * (i + 1)) + ":duration=10:sample_rate=44100",
                    "-ac",
                    "2",
                    "-c:a",
                    "flac",
                    flac.toString()));
            String key = "mashups/" + id + "/" + STEMS.get(i) + ".flac";
            store.upload(key, flac, "audio/flac").await().indefinitely();
            sql.append("INSERT INTO mashup_stems (mashup_id, stem, object_key, duration_sec, engine, created_at) ")
                    .append("VALUES ('")
                    .append(id)
                    .append("', '")
                    .append(STEMS.get(i))
                    .append("', '")
                    .append(key)
                    .append("', 10, 'builtin', now());");
        }
        MashupsTestEnvironment.execute(schema, sql.toString());
        return id;
    }

    /** A remix project's document as the studio makes it, the "other" track muted. */
    private static JsonNode document(String mashupId) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ArrayNode tracks = document.putArray("tracks");
        for (String stem : STEMS) {
            ObjectNode track = tracks.addObject()
                    .put("id", stem)
                    .put("name", stem)
                    .put("volume", 1.0)
                    .put("pan", 0.0)
                    .put("mute", stem.equals("other"))
                    .put("solo", false);
            ObjectNode clip = track.putArray("clips")
                    .addObject()
                    .put("id", stem + "-1")
                    .put("start", 1.0)
                    .put("offset", 2.0)
                    .put("duration", 6.0)
                    .put("gain", -3.0)
                    .put("pitch", 0.0)
                    .put("tempo", 1.0);
            clip.putObject("source").put("mashupId", mashupId).put("stem", stem);
        }
        return document;
    }

    private String remix(String user, String mashupId) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .post("/api/mashups/" + mashupId + "/remix")
                .then()
                .statusCode(202)
                .extract()
                .path("remixId");
    }

    /** Publishes the remix's project as the studio does; the mashup rendered from it once it exists. */
    private String publish(String owner, String projectId, JsonNode document) throws Exception {
        ProjectPublishedV1 published =
                new ProjectPublishedV1(projectId, owner, "Remix " + projectId, 100, "C", 7, document, Instant.now());
        TestEvents.publish(EventCatalog.PROJECT_PUBLISHED, projectId, published);
        TestEvents.publish(EventCatalog.PROJECT_PUBLISHED, projectId, published); // a redelivery renders nothing more
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM mashups WHERE project_id = '" + projectId + "'")
                        == 1);
        return given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/mashups?owner=me")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("findAll { it.title == 'Remix " + projectId + "' }.id")
                .get(0);
    }

    private void makePublic(String owner, String mashupId) {
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body("{\"visibility\":\"public\"}")
                .patch("/api/mashups/" + mashupId)
                .then()
                .statusCode(200);
    }

    @Test
    void aChainOfThreeRemixesHasItsLineageUpAndDown() throws Exception {
        String a = TestEvents.userOn(Tier.PRO, schema);
        String b = TestEvents.userOn(Tier.PRO, schema);
        String c = TestEvents.userOn(Tier.STUDIO, schema);
        String d = TestEvents.userOn(Tier.PRO, schema);
        String m0 = mashupWithStems(a);

        String r1 = remix(b, m0);
        String m1 = publish(b, r1, document(m0));
        makePublic(b, m1);
        String r2 = remix(c, m1);
        String m2 = publish(c, r2, document(m1));
        makePublic(c, m2);
        String r3 = remix(d, m2);
        String m3 = publish(d, r3, document(m2));

        // each published mashup is a real render: 7 s, four stems, the muted track's stem silent
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM jobs WHERE kind = 'mixdown' " + "AND subject_id = '" + r1 + "'"),
                "published twice, rendered once");
        assertEquals(
                4,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM mashup_stems WHERE mashup_id = '" + m3 + "'"));
        JsonPath m3Stems = given().auth()
                .oauth2(TestTokens.forUser(d))
                .get("/api/mashups/" + m3 + "/stems")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Path dir = Files.createTempDirectory("lineage-stems");
        Path other = store.download("mashups/" + m3 + "/other.flac", dir.resolve("other.flac"))
                .await()
                .indefinitely();
        Path drums = store.download("mashups/" + m3 + "/drums.flac", dir.resolve("drums.flac"))
                .await()
                .indefinitely();
        assertEquals(7, m3Stems.getDouble("stems[1].durationSec"), 0.1);
        assertTrue(energy(Pcm.read(drums)) > 1, "the drums track plays");
        assertEquals(0, energy(Pcm.read(other)), 1e-6, "the muted track plays nothing");

        // up from the last: nearest first, with the credits the default licence requires
        given().auth()
                .oauth2(TestTokens.forUser(d))
                .get("/api/mashups/" + m3 + "/lineage")
                .then()
                .statusCode(200)
                .body("ancestors.mashupId", equalTo(List.of(m2, m1, m0)))
                .body("ancestors.ownerId", equalTo(List.of(c, b, a)))
                .body("ancestors.remixId", equalTo(List.of(r3, r2, r1)))
                .body("ancestors[2].credit.title", equalTo("Late night"));

        // down from the first: d's mashup is private, so its remix shows only once it is public
        JsonPath down = given().auth()
                .oauth2(TestTokens.forUser(a))
                .get("/api/mashups/" + m0 + "/lineage")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(), down.getList("ancestors"));
        assertEquals(r1, down.getString("remixes[0].remixId"));
        assertEquals(m1, down.getString("remixes[0].mashups[0].mashupId"));
        assertEquals(r2, down.getString("remixes[0].mashups[0].remixes[0].remixId"));
        assertEquals(m2, down.getString("remixes[0].mashups[0].remixes[0].mashups[0].mashupId"));
        assertEquals(List.of(), down.getList("remixes[0].mashups[0].remixes[0].mashups[0].remixes"));
        makePublic(d, m3);
        given().auth()
                .oauth2(TestTokens.forUser(a))
                .get("/api/mashups/" + m0 + "/lineage")
                .then()
                .body("remixes[0].mashups[0].remixes[0].mashups[0].remixes[0].remixId", equalTo(r3))
                .body("remixes[0].mashups[0].remixes[0].mashups[0].remixes[0].mashups[0].mashupId", equalTo(m3));
    }

    @Test
    void aPublishedProjectMayUseOnlyItsOwnersSources() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String stranger = TestEvents.userOn(Tier.PRO, schema);
        String m0 = mashupWithStems(owner);
        String projectId = UUID.randomUUID().toString();
        TestEvents.publish(
                EventCatalog.PROJECT_PUBLISHED,
                projectId,
                new ProjectPublishedV1(projectId, stranger, "Not mine", 100, "C", 3, document(m0), Instant.now()));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM jobs WHERE kind = 'mixdown' AND subject_id = '" + projectId
                                        + "' AND status = 'failed' AND error LIKE '%neither yours nor one you began a"
                                        + " remix of%'")
                        == 1);
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM mashups WHERE project_id = '" + projectId + "'"));
        given().auth()
                .oauth2(TestTokens.forUser(stranger))
                .get("/api/mashups/" + m0 + "/lineage")
                .then()
                .statusCode(200)
                .body("remixes", equalTo(List.of()));
        given().auth()
                .oauth2(TestTokens.forUser(stranger))
                .get("/api/mashups/nope/lineage")
                .then()
                .statusCode(404);
    }

    private static double energy(float[] samples) {
        double energy = 0;
        for (float sample : samples) {
            energy += sample * (double) sample;
        }
        return energy;
    }
}
