package io.mashups.audio.remix;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Remix permissions through the API: the seed's defaults, the owner's changes, and nobody else's. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class RemixPermissionsTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    /** A rendered mashup as the generator records it (no audio needed for its permissions). */
    private String mashup(String owner, String visibility) throws Exception {
        String id = "m-" + UUID.randomUUID();
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) VALUES ('" + id
                        + "', 'mashup', '" + owner + "', '{}', 'completed', 'done', now(), now())");
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, musical_key, "
                        + "format, audio_key, waveform_key, visibility, created_at) VALUES ('" + id + "', '" + owner
                        + "', '" + id + "', 'Mix', '[]', 60, 120, 'C', 'mp3', 'k', 'w', '" + visibility + "', now())");
        return id;
    }

    @Test
    void theOwnerSetsThemOthersReadThemAndNobodyElseWritesThem() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String id = mashup(owner, "public");
        String path = "/api/mashups/" + id + "/remix-permissions";

        given().auth()
                .oauth2(TestTokens.forUser(other))
                .get(path)
                .then()
                .statusCode(200)
                .body("allowRemix", equalTo(true))
                .body("requireAttribution", equalTo(true))
                .body("allowCommercial", equalTo(false));

        Map<String, Object> closed = Map.of("allowRemix", false, "requireAttribution", true, "allowCommercial", true);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body(closed)
                .put(path)
                .then()
                .statusCode(200)
                .body("allowRemix", equalTo(false));
        given().auth()
                .oauth2(TestTokens.forUser(other))
                .get(path)
                .then()
                .body("allowRemix", equalTo(false))
                .body("allowCommercial", equalTo(true));

        given().auth()
                .oauth2(TestTokens.forUser(other))
                .contentType("application/json")
                .body(Map.of("allowRemix", true, "requireAttribution", false, "allowCommercial", true))
                .put(path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forUser(other)).get(path).then().body("allowRemix", equalTo(false));
    }

    @Test
    void aPrivateMashupsPermissionsDoNotExistForOthersAndBadBodiesAreRefused() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String id = mashup(owner, "private");
        String path = "/api/mashups/" + id + "/remix-permissions";

        given().auth()
                .oauth2(TestTokens.forUser("someone-else"))
                .get(path)
                .then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.forUser(owner)).get(path).then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/mashups/nope/remix-permissions")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body("{\"allowRemix\": true}")
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .contentType("application/json")
                .body("{\"allowRemix\": \"yes\", \"requireAttribution\": true, \"allowCommercial\": false}")
                .put(path)
                .then()
                .statusCode(400);
        given().get(path).then().statusCode(401);
    }
}
