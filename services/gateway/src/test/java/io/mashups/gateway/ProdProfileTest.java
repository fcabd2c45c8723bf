package io.mashups.gateway;

import static io.restassured.RestAssured.given;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
