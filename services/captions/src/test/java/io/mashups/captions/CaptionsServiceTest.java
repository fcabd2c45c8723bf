package io.mashups.captions;

import static io.restassured.RestAssured.given;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts against the shared infrastructure, migrates its schema and reports ready. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class CaptionsServiceTest {
    @Test
    void startsAndIsReady() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
