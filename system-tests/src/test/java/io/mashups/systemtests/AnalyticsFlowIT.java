package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The player's events through the gateway: anonymous or signed in, acknowledged once they are in Kafka; rolled up into
 * the owner's dashboard, the mashup's stats and the engagement feed.
 */
@ExtendWith(Fleet.class)
class AnalyticsFlowIT {
    private static final String BROWSER =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    @Test
    void listenersEventsAreCapturedWithOrWithoutAnAccount() {
        String mashup = "m-" + UUID.randomUUID();
        String listener = "listener-" + UUID.randomUUID();
        // the fleet's Postgres keeps claimed ids between runs: a device of this run only
        String device = "d-" + UUID.randomUUID();
        List<Map<String, Object>> events = List.of(
                Map.of(
                        "id",
                        "p-1",
                        "type",
                        "play_start",
                        "deviceId",
                        device,
                        "mashupId",
                        mashup,
                        "positionSec",
                        0,
                        "clientTime",
                        Instant.now().toString()),
                Map.of(
                        "id",
                        "l-1",
                        "type",
                        "like",
                        "deviceId",
                        device,
                        "mashupId",
                        mashup,
                        "clientTime",
                        Instant.now().toString()));
        given().contentType("application/json")
                .header("User-Agent", BROWSER)
                .body(Map.of("events", events.subList(0, 1)))
                .post("/api/analytics/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        given().auth()
                .oauth2(FrontendSessionIT.devToken(listener, ""))
                .contentType("application/json")
                .header("User-Agent", BROWSER)
                .body(Map.of("events", events))
                .post("/api/analytics/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> KafkaTopics.keyed("analytics.events", mashup).stream()
                                .filter(value -> value.contains("\"userId\":\"" + listener + "\""))
                                .count()
                        == 1);
    }

    @Test
    void aListenersSessionReachesTheOwnersDashboardAndTheEngagementFeed() throws Exception {
        String owner = "analytics-owner-" + UUID.randomUUID();
        String token = MashupFlowIT.subscriber(owner);
        String mashup = MashupFlowIT.generated(token, 98, 330);

        String fan = FrontendSessionIT.devToken("analytics-fan-" + UUID.randomUUID(), "");
        playLikeAndShare(fan, mashup);

        String stats = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> given().auth()
                                .oauth2(token)
                                .get("/api/analytics/mashup/" + mashup)
                                .asString(),
                        // the minutes' table lands a moment after the days'
                        answer -> answer.contains("\"plays\":1") && answer.contains("\"peakConcurrent\":1"));
        SeedContract.assertAnswers("GET /api/analytics/mashup/{id}", "AnalyticsMashupResponse", stats);
        given().auth()
                .oauth2(token)
                .get("/api/analytics/mashup/" + mashup)
                .then()
                .body("playTime", equalTo(20.0f))
                .body("dropOffPoints[0].percentage", equalTo(100.0f))
                .body("peakConcurrent", equalTo(1));
        // nobody else sees them
        given().auth().oauth2(fan).get("/api/analytics/mashup/" + mashup).then().statusCode(404);

        String dashboard = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> given().auth()
                                .oauth2(token)
                                .get("/api/analytics/dashboard")
                                .asString(),
                        answer -> answer.contains("\"totalLikes\":1"));
        SeedContract.assertAnswers("GET /api/analytics/dashboard", "AnalyticsDashboardResponse", dashboard);
        given().auth()
                .oauth2(token)
                .get("/api/analytics/dashboard")
                .then()
                .body("totalPlays", equalTo(1))
                .body("topMashups[0].id", equalTo(mashup))
                .body("sources[0].source", equalTo("tiktok.com"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaTopics.keyed("analytics.engagement", mashup).stream()
                        .anyMatch(value -> value.contains(
                                "\"totals\":{\"plays\":1,\"uniqueListeners\":1,\"likes\":1," + "\"shares\":1")));
    }

    /** A frontend-like session: the listener plays the 20 s mashup to its end, likes and shares it. */
    static void playLikeAndShare(String fan, String mashup) {
        String device = "d-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(90);
        List<Map<String, Object>> session = new java.util.ArrayList<>();
        for (int at = 0; at <= 20; at += 10) {
            session.add(Map.of(
                    "id",
                    "p-" + at,
                    "type",
                    at == 0 ? "play_start" : at == 20 ? "play_end" : "play_progress",
                    "deviceId",
                    device,
                    "mashupId",
                    mashup,
                    "positionSec",
                    at,
                    "trackLengthSec",
                    20,
                    "clientTime",
                    start.plusSeconds(at).toString(),
                    "referrer",
                    "https://www.tiktok.com/@fan/video/1"));
        }
        session.add(Map.of(
                "id",
                "like-1",
                "type",
                "like",
                "deviceId",
                device,
                "mashupId",
                mashup,
                "clientTime",
                start.plusSeconds(41).toString()));
        session.add(Map.of(
                "id",
                "share-1",
                "type",
                "share",
                "deviceId",
                device,
                "mashupId",
                mashup,
                "platform",
                "tiktok",
                "clientTime",
                start.plusSeconds(42).toString()));
        given().auth()
                .oauth2(fan)
                .contentType("application/json")
                .header("User-Agent", BROWSER)
                .body(Map.of("events", session))
                .post("/api/analytics/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(session.size()));
    }
}
