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

/** The player's events through the gateway: anonymous or signed in, acknowledged once they are in Kafka. */
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
}
