package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the frontend does first: get a token, call the API through the gateway, find the API docs. */
@ExtendWith(Fleet.class)
class FrontendSessionIT {
    /** One path of every service the frontend calls. */
    private static final List<String> FRONTEND_PATHS = List.of(
            "/api/billing/subscription",
            "/api/projects",
            "/api/media/uploads",
            "/api/mashups?owner=me",
            "/api/captions/m1",
            "/api/battles?status=active",
            "/api/challenges/current",
            "/api/gamification/profile",
            "/api/analytics/dashboard",
            "/api/trends?limit=20",
            "/api/attribution/mashups/m1");

    static String devToken(String user, String roles) {
        return given().queryParam("sub", user)
                .queryParam("roles", roles)
                .get("/dev/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    @Test
    void gatewayIsReadyAndDocumentsEveryService() {
        given().port(Fleet.gatewayManagementPort())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().port(Fleet.gatewayManagementPort()).get("/q/metrics").then().statusCode(200);
        // the public port answers neither: metrics say too much to the world
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/openapi/billing")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/billing/checkout"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/webhooks/stripe"));
    }

    @Test
    void apiNeedsATokenAndTheDevTokenIsAccepted() {
        given().get("/api/billing/subscription")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("X-Request-Id", notNullValue());
        String token = devToken("system-alice", "admin");

        for (String path : FRONTEND_PATHS) {
            Response response = given().auth().oauth2(token).get(path);
            // every frontend path reaches its owning service: it answers, or the gateway says which service is missing
            assertNotEquals(401, response.statusCode(), path);
            assertTrue(
                    response.statusCode() < 500 || response.statusCode() == 503,
                    path + " gave " + response.statusCode());
            if (response.statusCode() == 503) {
                response.then().contentType("application/problem+json").body("service", notNullValue());
            }
            // the gateway's own 404 says no service serves the path; a service's 404 means it did route there
            response.then().body("detail", not(org.hamcrest.Matchers.startsWith("No service serves")));
        }
    }
}
