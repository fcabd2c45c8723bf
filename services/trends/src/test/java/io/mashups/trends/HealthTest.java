package io.mashups.trends;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(SourcesFake.class)
class HealthTest {
    @Test
    void startsMigratedAndConnected() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
