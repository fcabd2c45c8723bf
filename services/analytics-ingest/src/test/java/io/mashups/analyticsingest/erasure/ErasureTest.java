package io.mashups.analyticsingest.erasure;

import static io.mashups.analyticsingest.dashboard.DashboardTest.event;
import static io.mashups.analyticsingest.dashboard.DashboardTest.get;
import static io.mashups.analyticsingest.dashboard.DashboardTest.listen;
import static io.mashups.analyticsingest.dashboard.DashboardTest.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.events.billing.Tier;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** An admin erases a listener: the owner's figures lose what the listener and their signed-out device added. */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class ErasureTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Test
    void anErasedListenersPlaysAndLikesLeaveTheOwnersFigures() throws Exception {
        String owner = TestEvents.userOn(Tier.STUDIO, schema);
        String mashup = TestMashups.rendered(schema, owner, "public");
        String erased = "erased-" + UUID.randomUUID();
        String device = "dev-" + UUID.randomUUID();
        String anonymousDevice = "dev-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(600);
        List<Map<String, Object>> signedIn = new ArrayList<>(listen(device, mashup, start, 45));
        signedIn.add(event("like", device, start.plusSeconds(50), "mashupId", mashup));
        send(TestTokens.forUser(erased), "de", signedIn);
        // the same person signed out on another device, and someone else who stays
        send(null, "de", listen(anonymousDevice, mashup, start.plusSeconds(100), 60));
        send(
                TestTokens.forUser("kept-" + UUID.randomUUID()),
                "br",
                listen("dev-" + UUID.randomUUID(), mashup, start, 30));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath stats = get(owner, "/api/analytics/mashup/" + mashup);
            assertEquals(3, stats.getInt("plays"));
            assertEquals(3, stats.getInt("uniqueListeners"));
            assertEquals(1, get(owner, "/api/analytics/dashboard").getInt("totalLikes"));
        });

        String id = given().auth()
                .oauth2(TestTokens.forUser("admin-" + UUID.randomUUID(), "admin"))
                .contentType("application/json")
                .body(Map.of("userId", erased, "deviceIds", List.of(anonymousDevice)))
                .post("/api/analytics/admin/erasures")
                .then()
                .statusCode(202)
                .body("devices", equalTo(1))
                .extract()
                .path("id");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath stats = get(owner, "/api/analytics/mashup/" + mashup);
            assertEquals(1, stats.getInt("plays"));
            assertEquals(1, stats.getInt("uniqueListeners"));
            assertEquals(30.0, stats.getDouble("playTime"));
            assertEquals(0, get(owner, "/api/analytics/dashboard").getInt("totalLikes"));
        });
        given().auth()
                .oauth2(TestTokens.forUser("admin-" + UUID.randomUUID(), "admin"))
                .get("/api/analytics/admin/erasures/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void onlyAdminsEraseAndTheRequestIsChecked() {
        given().auth()
                .oauth2(TestTokens.forUser("someone-" + UUID.randomUUID()))
                .contentType("application/json")
                .body(Map.of("userId", "victim"))
                .post("/api/analytics/admin/erasures")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body(Map.of("userId", "victim"))
                .post("/api/analytics/admin/erasures")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forUser("admin-" + UUID.randomUUID(), "admin"))
                .contentType("application/json")
                .body(Map.of("userId", "bad id\u0000", "deviceIds", List.of("ok-device", "")))
                .post("/api/analytics/admin/erasures")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser("admin-" + UUID.randomUUID(), "admin"))
                .get("/api/analytics/admin/erasures/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forUser("someone-" + UUID.randomUUID()))
                .get("/api/analytics/admin/erasures/" + UUID.randomUUID())
                .then()
                .statusCode(403);
    }
}
