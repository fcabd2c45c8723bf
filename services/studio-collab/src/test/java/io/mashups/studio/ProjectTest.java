package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.billing.Tier;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Projects, members and join tokens against the real Postgres and Kafka. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class ProjectTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.studio.join-token-secret")
    String joinSecret;

    private static String create(String token, String title) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("title", title, "bpm", 124, "key", "A minor"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .body("role", equalTo("owner"))
                .body("document.tracks", hasSize(0))
                .extract()
                .path("id");
    }

    @Test
    void collaboratorsCarryTheNameAndPictureOfTheirLatestToken() {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String ownerToken = TestTokens.withProfile(owner, "Ada Lovelace", "https://images.example/ada.png");
        String editor = "editor-" + UUID.randomUUID();
        String newcomer = "newcomer-" + UUID.randomUUID();
        String id = create(ownerToken, "Profiles");
        for (String member : List.of(editor, newcomer)) {
            given().auth()
                    .oauth2(ownerToken)
                    .contentType("application/json")
                    .body(Map.of("userId", member, "role", "editor"))
                    .post("/api/projects/" + id + "/members")
                    .then()
                    .statusCode(200);
        }
        // the editor opens the studio with control characters in their name and a picture that is no URL
        given().auth()
                .oauth2(TestTokens.withProfile(editor, "\u0007 Grace\nHopper ", "javascript:alert(1)"))
                .post("/api/projects/" + id + "/join")
                .then()
                .statusCode(200);

        var users = given().auth()
                .oauth2(ownerToken)
                .get("/api/projects/" + id + "/collaborators")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("Ada Lovelace", users.getString("users.find { it.id == '" + owner + "' }.name"));
        assertEquals(
                "https://images.example/ada.png", users.getString("users.find { it.id == '" + owner + "' }.avatar"));
        assertEquals("GraceHopper", users.getString("users.find { it.id == '" + editor + "' }.name"));
        assertNull(users.get("users.find { it.id == '" + editor + "' }.avatar"), "only http(s) pictures are kept");
        Map<String, Object> never = users.getMap("users.find { it.id == '" + newcomer + "' }");
        assertTrue(never.containsKey("name") && never.get("name") == null, "a member not seen yet has a null name");
        assertTrue(never.get("color").toString().startsWith("#"));
        assertTrue(!never.containsKey("cursor"), "cursor is there only while they are in the studio");

        // a new token with another name replaces the old one
        given().auth()
                .oauth2(TestTokens.withProfile(owner, "Ada King", "https://images.example/ada.png"))
                .get("/api/projects/" + id + "/collaborators")
                .then()
                .statusCode(200)
                .body("users.find { it.id == '" + owner + "' }.name", equalTo("Ada King"));
    }

    @Test
    void ownersInviteEditorsAndViewersWhoseRolesAreEnforced() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String ownerToken = TestTokens.forUser(owner);
        String editor = "editor-" + UUID.randomUUID();
        String viewer = "viewer-" + UUID.randomUUID();
        String stranger = TestTokens.forUser("stranger-" + UUID.randomUUID());
        String id = create(ownerToken, "Night drive");

        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("userId", editor, "role", "editor"))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(200)
                .body("users.id", hasItem(editor));
        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("userId", viewer, "role", "viewer"))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(ownerToken)
                .get("/api/projects/" + id + "/collaborators")
                .then()
                .statusCode(200)
                .body("users", hasSize(3))
                .body("users.role", hasItem("viewer"));

        given().auth()
                .oauth2(TestTokens.forUser(editor))
                .contentType("application/json")
                .body(Map.of("bpm", 126))
                .patch("/api/projects/" + id)
                .then()
                .statusCode(200)
                .body("bpm", equalTo(126.0f))
                .body("role", equalTo("editor"));
        given().auth()
                .oauth2(TestTokens.forUser(viewer))
                .contentType("application/json")
                .body(Map.of("title", "mine"))
                .patch("/api/projects/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser(viewer))
                .get("/api/projects/" + id)
                .then()
                .statusCode(200)
                .body("role", equalTo("viewer"));
        given().auth()
                .oauth2(TestTokens.forUser(editor))
                .delete("/api/projects/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forUser(editor))
                .get("/api/projects")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));

        given().auth()
                .oauth2(stranger)
                .get("/api/projects/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(stranger)
                .post("/api/projects/" + id + "/join")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(stranger)
                .get("/api/projects")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));

        // a viewer leaves; the owner cannot
        given().auth()
                .oauth2(TestTokens.forUser(viewer))
                .delete("/api/projects/" + id + "/members/" + viewer)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(ownerToken)
                .delete("/api/projects/" + id + "/members/" + owner)
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(TestTokens.forUser(viewer))
                .get("/api/projects/" + id)
                .then()
                .statusCode(404);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> MashupsTestEnvironment.count(schema, "SELECT count(*) FROM outbox") == 0);
        given().auth().oauth2(ownerToken).delete("/api/projects/" + id).then().statusCode(204);
        given().auth()
                .oauth2(TestTokens.forUser(editor))
                .get("/api/projects/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void freeOwnersCannotInviteButWorkAlone() throws Exception {
        String owner = "free-" + UUID.randomUUID();
        String token = TestTokens.forUser(owner);
        String id = create(token, "Solo");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("userId", "friend-" + UUID.randomUUID()))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(402)
                .body("limit", equalTo("collaboration"))
                .body("upgrade", equalTo("/api/billing/checkout"));
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM project_members WHERE project_id = '" + id + "'"));
    }

    @Test
    void membersGetAShortLivedJoinTokenForTheirProjectAndRole() throws Exception {
        String owner = "joiner-" + UUID.randomUUID();
        String id = create(TestTokens.forUser(owner), "Jam");
        var ticket = given().auth()
                .oauth2(TestTokens.forUser(owner))
                .post("/api/projects/" + id + "/join")
                .then()
                .statusCode(200)
                .body("room", equalTo("studio:" + id))
                .body("webSocket", equalTo("/ws/studio/" + id))
                .extract();

        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy("mashups-studio");
        context.setSignatureAlgorithm(java.util.Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256));
        JsonWebToken token = new DefaultJWTParser(context)
                .verify(
                        ticket.path("token"),
                        new SecretKeySpec(joinSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(owner, token.getSubject());
        assertTrue(token.getAudience().contains(id));
        assertEquals("owner", token.getClaim("role").toString());
        assertTrue(token.getExpirationTime() - Instant.now().getEpochSecond() <= 120, "short-lived");
    }

    @Test
    void theOwnerPublishesTheStoredDocumentForAudioPipelineToRender() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String ownerToken = TestTokens.forUser(owner);
        String editor = "editor-" + UUID.randomUUID();
        String id = given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Night drive",
                        "bpm",
                        124,
                        "document",
                        Map.of(
                                "tracks",
                                List.of(Map.of(
                                        "id",
                                        "lead",
                                        "clips",
                                        List.of(Map.of(
                                                "id",
                                                "hook",
                                                "start",
                                                0,
                                                "duration",
                                                8,
                                                "source",
                                                Map.of("uploadId", "u-1"))))))))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("userId", editor, "role", "editor"))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(ownerToken)
                .post("/api/projects/" + id + "/publish")
                .then()
                .statusCode(202)
                .body("projectId", equalTo(id))
                .body("status", equalTo("rendering"));
        // the outbox relay publishes after the answer: wait for it (reading the topic once raced it)
        List<io.mashups.events.studio.ProjectPublishedV1> published = await().atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> TestEvents.published(io.mashups.events.EventCatalog.PROJECT_PUBLISHED, id),
                        events -> !events.isEmpty());
        assertEquals(1, published.size());
        assertEquals(owner, published.get(0).ownerId());
        assertEquals("Night drive", published.get(0).title());
        assertEquals(
                "u-1",
                published
                        .get(0)
                        .document()
                        .at("/tracks/0/clips/0/source/uploadId")
                        .asText());

        given().auth()
                .oauth2(TestTokens.forUser(editor))
                .post("/api/projects/" + id + "/publish")
                .then()
                .statusCode(403);
        // the client has seen more ops than are stored yet
        given().auth()
                .oauth2(ownerToken)
                .post("/api/projects/" + id + "/publish?sequence=999")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser("stranger-" + UUID.randomUUID()))
                .post("/api/projects/" + id + "/publish")
                .then()
                .statusCode(404);
    }

    @Test
    void badInputIs400() {
        String token = TestTokens.forUser("typo-" + UUID.randomUUID());
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("title", "", "bpm", 12))
                .post("/api/projects")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("bpm"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"title\":\"x\",\"document\":[1,2]}")
                .post("/api/projects")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("document"));
        String id = create(token, "Mine");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("userId", "x", "role", "admin"))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("role"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"title\":")
                .post("/api/projects")
                .then()
                .statusCode(400);
        given().get("/api/projects").then().statusCode(401);
    }
}
