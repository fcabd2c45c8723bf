package io.mashups.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class ProblemMappersTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void invalidFieldsAreListedByName() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"tier\":\"gold\",\"seats\":0}")
                .post("/probe/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://mashups.io/problems/validation"))
                .body("instance", equalTo("/probe/checkout"))
                .body("errors.field", hasItems("tier", "seats"))
                .body("errors.message", hasItems("must be pro or studio", "must be at least 1"));
    }

    /** Credentials token parsing would throw on (dots only, characters no token has) are a 401 problem, not a 500. */
    @Test
    void brokenBearerTokensAre401Problems() {
        for (String token : java.util.List.of(".", "..", "...", ".a.b", "a..", "a b", "tök.en.x", "\"quoted\"")) {
            given().header("Authorization", "Bearer " + token)
                    .get("/probe/mine/1")
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401));
        }
    }

    /** A NUL in a JSON string would reach PostgreSQL (a 500): it is a 400 naming the field. */
    @Test
    void aNulCharacterInAJsonStringIsA400NamingTheField() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"tier\":\"pro\\u0000\",\"seats\":1}")
                .post("/probe/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://mashups.io/problems/validation"))
                .body("errors[0].field", equalTo("tier"))
                .body("errors[0].message", equalTo("must not contain a NUL character"));
    }

    /**
     * Other control characters and half a surrogate pair are refused like a NUL; tab, line feed and carriage return,
     * and whole pairs (emoji) are text: they reach the record and meet its own validation.
     */
    @Test
    void controlCharactersAndUnpairedSurrogatesInJsonStringsAre400sNamingTheField() {
        java.util.Map<String, String> refused = java.util.Map.of(
                "pro\\u0007", "must not contain the control character U+0007",
                "pro\\u001b[31m", "must not contain the control character U+001B",
                "pro\\u007f", "must not contain the control character U+007F",
                "pro\\ud800", "must not contain an unpaired surrogate (U+D800)",
                "\\udc00pro", "must not contain an unpaired surrogate (U+DC00)");
        refused.forEach((tier, message) -> given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"seats\":1,\"tier\":\"" + tier + "\"}")
                .post("/probe/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("tier"))
                .body("errors[0].message", equalTo(message)));
        for (String text : java.util.List.of("pro\\tmax\\r\\n", "pro \\ud83c\\udfb5", "pró")) {
            given().auth()
                    .oauth2(TestTokens.forUser("u1"))
                    .contentType("application/json")
                    .body("{\"seats\":1,\"tier\":\"" + text + "\"}")
                    .post("/probe/checkout")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("tier"))
                    .body("errors[0].message", equalTo("must be pro or studio"));
        }
    }

    /** Token claims are no request body: a name with control characters still signs in (services clean names). */
    @Test
    void controlCharactersInTokenClaimsDoNotRefuseTheToken() {
        given().auth()
                .oauth2(TestTokens.withProfile("u1", "\u0007 Grace\u0000\ud800", "javascript:x"))
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"seats\":1}")
                .post("/probe/checkout")
                .then()
                .statusCode(200)
                .body("user", equalTo("u1"));
    }

    /** Control characters in the path or query, raw or escaped, are refused before anything reads them. */
    @Test
    void controlCharactersInTheUrlAre400Problems() {
        for (String url : java.util.List.of(
                "/probe/mine/a%00b", "/probe/mine/%0D%0Ax", "/probe/limit?owner=%00", "/probe/mine/%7f")) {
            given().urlEncodingEnabled(false)
                    .auth()
                    .oauth2(TestTokens.forUser("u1"))
                    .get(url)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://mashups.io/problems/control-character"));
        }
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/mine/caf%C3%A9%20%E2%99%AA")
                .then()
                .statusCode(404) // past the filter: not u1's
                .contentType(PROBLEM);
    }

    /** What the HTTP layer refuses before any resource runs still answers with a problem body. */
    @Test
    void oversizedBodiesHeadersAndUrlsAreProblems() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"tier\":\"" + "p".repeat(100_000) + "\",\"seats\":1}")
                .post("/probe/checkout")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("status", equalTo(413));
        given().auth() // chunked: no length declared, found out while reading
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body(new java.io.ByteArrayInputStream(
                        ("{\"tier\":\"" + "p".repeat(100_000) + "\",\"seats\":1}").getBytes()))
                .post("/probe/checkout")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("status", equalTo(413));
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .header("X-Padding", "h".repeat(10_000))
                .get("/probe/limit")
                .then()
                .statusCode(431)
                .contentType(PROBLEM)
                .body("status", equalTo(431));
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/mine/" + "u".repeat(10_000))
                .then()
                .statusCode(414)
                .contentType(PROBLEM)
                .body("status", equalTo(414));
    }

    @Test
    void malformedAndMistypedJsonAre400() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"tier\":")
                .post("/probe/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("title", equalTo("Malformed request body"));
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"seats\":\"many\"}")
                .post("/probe/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("seats"));
        // a repeated field, into a record, and a second value after the first: 400, not one silently chosen (or 500)
        for (String body : java.util.List.of("{\"tier\":\"pro\",\"seats\":1,\"seats\":2}", "{\"tier\":\"pro\"} {}")) {
            given().auth()
                    .oauth2(TestTokens.forUser("u1"))
                    .contentType("application/json")
                    .body(body)
                    .post("/probe/checkout")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("title", equalTo("Malformed request body"));
        }
    }

    @Test
    void validRequestSeesTheTokensSubject() {
        given().auth()
                .oauth2(TestTokens.forUser("u-77"))
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"seats\":2}")
                .post("/probe/checkout")
                .then()
                .statusCode(200)
                .body("user", equalTo("u-77"));
    }

    @Test
    void someoneElsesResourceIs404NotForbidden() {
        given().auth()
                .oauth2(TestTokens.forUser("intruder"))
                .get("/probe/mine/m-9")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("detail", equalTo("Mashup m-9 does not exist"));
        given().auth()
                .oauth2(TestTokens.forUser("owner-1"))
                .get("/probe/mine/m-9")
                .then()
                .statusCode(200);
    }

    @Test
    void limitReachedIs402WithTheLimitAndUpgradePath() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/limit")
                .then()
                .statusCode(402)
                .contentType(PROBLEM)
                .body("limit", equalTo("AI generations per month"))
                .body("allowed", equalTo(0))
                .body("tier", equalTo("free"))
                .body("upgrade", equalTo("/api/billing/checkout"));
    }

    @Test
    void authenticationAndRoleFailuresAreProblems() {
        given().get("/probe/limit")
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth()
                .oauth2(TestTokens.expired("u1"))
                .get("/probe/limit")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/admin")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.forUser("boss", "admin"))
                .get("/probe/admin")
                .then()
                .statusCode(200);
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/boom")
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body(not(containsString("hunter2")));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .get("/probe/nothing")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.forUser("u1"))
                .delete("/probe/admin")
                .then()
                .statusCode(405)
                .contentType(PROBLEM);
    }
}
