package io.mashups.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.billing.Tier;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Voice rooms with the default provider, LiveKit: tokens signed here, checked as LiveKit checks them. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class VoiceTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.studio.voice.livekit.api-key")
    String apiKey;

    @ConfigProperty(name = "mashups.studio.voice.livekit.api-secret")
    String apiSecret;

    private JsonWebToken verify(String token, String secret) throws ParseException {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(apiKey);
        context.setSignatureAlgorithm(java.util.Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256));
        return new DefaultJWTParser(context)
                .verify(token, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Test
    void membersGetALiveKitTokenForTheProjectRoomAndViewersOnlyListen() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String viewer = "listener-" + UUID.randomUUID();
        String ownerToken = TestTokens.forUser(owner);
        String id = given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("title", "Talk"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("userId", viewer, "role", "viewer"))
                .post("/api/projects/" + id + "/members")
                .then()
                .statusCode(200);

        var answer = given().auth()
                .oauth2(ownerToken)
                .post("/api/studio/" + id + "/voice")
                .then()
                .statusCode(200)
                .body("provider", equalTo("livekit"))
                .body("room", equalTo("studio_" + id))
                .body("url", equalTo("ws://127.0.0.1:7880"))
                .body("roomUrl", equalTo("ws://127.0.0.1:7880"))
                .extract();
        JsonWebToken speaker = verify(answer.path("token"), apiSecret);
        assertEquals(owner, speaker.getSubject());
        @SuppressWarnings("unchecked")
        Map<String, Object> grant = (Map<String, Object>) toMap(speaker.getClaim("video"));
        assertEquals("studio_" + id, grant.get("room"));
        assertEquals(true, grant.get("roomJoin"));
        assertEquals(true, grant.get("canPublish"));
        assertEquals(true, grant.get("canSubscribe"));
        long expires = speaker.getExpirationTime();
        assertTrue(expires > Instant.now().getEpochSecond()
                && expires <= Instant.now().plusSeconds(2 * 3600 + 5).getEpochSecond());

        String listenerToken = given().auth()
                .oauth2(TestTokens.forUser(viewer))
                .post("/api/studio/" + id + "/voice")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        @SuppressWarnings("unchecked")
        Map<String, Object> listening =
                (Map<String, Object>) toMap(verify(listenerToken, apiSecret).getClaim("video"));
        assertEquals(false, listening.get("canPublish"));

        org.junit.jupiter.api.Assertions.assertThrows(
                ParseException.class,
                () -> verify(listenerToken, "some-other-secret-of-32-bytes-or-more"),
                "signed with the configured secret only");
        given().auth()
                .oauth2(TestTokens.forUser("outsider-" + UUID.randomUUID()))
                .post("/api/studio/" + id + "/voice")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/studio/" + id + "/voice").then().statusCode(401);
        assertFalse(answer.asString().contains(apiSecret));
    }

    private static Object toMap(Object claim) {
        if (claim instanceof jakarta.json.JsonObject json) {
            Map<String, Object> map = new java.util.HashMap<>();
            json.forEach((key, value) -> map.put(
                    key,
                    switch (value.getValueType()) {
                        case TRUE -> true;
                        case FALSE -> false;
                        case STRING -> ((jakarta.json.JsonString) value).getString();
                        default -> value.toString();
                    }));
            return map;
        }
        return claim;
    }
}
