package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.RemixStartedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A remix begun in audio-pipeline becomes the remixer's project, with the mashup's stems as tracks, once. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class RemixProjectTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    private static RemixStartedV1 started(String remixer, String mashupId, RemixStartedV1.Credit credit) {
        Map<String, String> stems = new LinkedHashMap<>();
        for (String stem : List.of("other", "bass", "drums", "vocals")) {
            stems.put(stem, "mashups/" + mashupId + "/" + stem + ".flac");
        }
        return new RemixStartedV1(
                UUID.randomUUID().toString(),
                remixer,
                "Late night (VIP)",
                mashupId,
                98,
                "A minor",
                61.5,
                stems,
                false,
                new RemixStartedV1.Licence(true, credit != null, false),
                credit);
    }

    @Test
    void theRemixerGetsAProjectWithTheStemsAsTracksAndTheCredit() throws Exception {
        String remixer = "remixer-" + UUID.randomUUID();
        String mashupId = UUID.randomUUID().toString();
        RemixStartedV1 remix = started(remixer, mashupId, new RemixStartedV1.Credit(mashupId, "Late night", "owner-1"));
        // delivered twice (a producer's retry): still one project
        TestEvents.publish(EventCatalog.REMIX_STARTED, remix.remixId(), remix);
        TestEvents.publish(EventCatalog.REMIX_STARTED, remix.remixId(), remix);

        String token = TestTokens.forUser(remixer);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/api/projects/" + remix.remixId())
                                .statusCode()
                        == 200);
        JsonPath project = given().auth()
                .oauth2(token)
                .get("/api/projects/" + remix.remixId())
                .then()
                .statusCode(200)
                .body("role", equalTo("owner"))
                .body("title", equalTo("Late night (VIP)"))
                .body("bpm", equalTo(98.0f))
                .body("remix.mashupId", equalTo(mashupId))
                .body("remix.licence.requireAttribution", equalTo(true))
                .body("remix.credit.title", equalTo("Late night"))
                .body("remix.credit.ownerId", equalTo("owner-1"))
                .extract()
                .jsonPath();
        assertEquals(List.of("vocals", "drums", "bass", "other"), project.getList("document.tracks.id"));
        for (int i = 0; i < 4; i++) {
            String stem = project.getString("document.tracks[" + i + "].id");
            assertEquals(
                    Map.of("mashupId", mashupId, "stem", stem),
                    project.getMap("document.tracks[" + i + "].clips[0].source"));
            assertEquals(0.0f, project.getFloat("document.tracks[" + i + "].clips[0].start"));
            assertEquals(61.5f, project.getFloat("document.tracks[" + i + "].clips[0].duration"));
        }
        given().auth()
                .oauth2(TestTokens.forUser("someone-" + UUID.randomUUID()))
                .get("/api/projects/" + remix.remixId())
                .then()
                .statusCode(404);
        // the redelivery made nothing more: counted after a later remix's project exists
        RemixStartedV1 later = started(remixer, mashupId, null);
        TestEvents.publish(EventCatalog.REMIX_STARTED, later.remixId(), later);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/api/projects/" + later.remixId())
                                .statusCode()
                        == 200);
        given().auth()
                .oauth2(token)
                .get("/api/projects/" + later.remixId())
                .then()
                .body("remix.credit", nullValue());
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM projects WHERE owner_id = '" + remixer + "'"));
    }
}
