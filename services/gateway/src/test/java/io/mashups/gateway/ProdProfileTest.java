package io.mashups.gateway;

import static io.restassured.RestAssured.given;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ProdProfileTest.Prod.class)
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(FakeUpstreams.class)
class ProdProfileTest {
    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // prod reads its issuer from OIDC_AUTH_SERVER_URL; nothing needs to answer there for this test
            return Map.of("%prod.quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/mashups");
        }
    }

    /** The management interface's root, /q/. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** The public port (the one the ingress routes) shows neither metrics nor health; the management port does. */
    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().baseUri(management.toString()).get("metrics").then().statusCode(200);
        given().baseUri(management.toString()).get("health/live").then().statusCode(200);
    }

    @Test
    void devTokenEndpointDoesNotExistInProd() {
        given().get("/dev/token?sub=mallory&roles=admin").then().statusCode(404);
        given().contentType("application/json")
                .body("{\"sub\":\"mallory\"}")
                .post("/dev/token")
                .then()
                .statusCode(404);
    }
}
