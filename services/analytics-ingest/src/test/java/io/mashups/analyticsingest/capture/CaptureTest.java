package io.mashups.analyticsingest.capture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class CaptureTest {
    static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String PHONE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @ConfigProperty(name = "mashups.analytics.raw-topic")
    String topic;

    @Inject
    DedupPurge purge;

    static Map<String, Object> play(String id, String device, String mashup) {
        return event(
                id,
                "play_end",
                device,
                "mashupId",
                mashup,
                "positionSec",
                61.5,
                "trackLengthSec",
                120,
                "clientTime",
                Instant.now(),
                "referrer",
                "https://www.tiktok.com/@someone/video/1?utm=x");
    }

    static RequestSpecification client(String userAgent) {
        return given().contentType("application/json").header("User-Agent", userAgent);
    }

    /** An event with its id (none when null), type and device, and more fields as name, value pairs. */
    static Map<String, Object> event(String id, String type, String device, Object... more) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        if (id != null) {
            event.put("id", id);
        }
        event.put("type", type);
        event.put("deviceId", device);
        for (int i = 0; i < more.length; i += 2) {
            event.put((String) more[i], more[i + 1] instanceof Instant at ? at.toString() : more[i + 1]);
        }
        return event;
    }

    static ValidatableResponse send(RequestSpecification request, List<?> events) {
        return request.body(Map.of("events", events))
                .post("/api/analytics/events")
                .then();
    }

    @Test
    void acceptedEventsAreEnrichedAndWrittenOnceWhateverTheRepeats() throws Exception {
        String owner = "creator-" + UUID.randomUUID();
        String mashup = TestMashups.rendered(schema, owner, "public");
        String device = "dev-" + UUID.randomUUID();
        String listener = "listener-" + UUID.randomUUID();
        var like = event("e-2", "like", device, "mashupId", mashup, "clientTime", System.currentTimeMillis());
        // sent from the mashup's page: a follow is still keyed by its creator, whose partition keeps the follows
        var follow = event(
                "e-3",
                "follow",
                device,
                "creatorId",
                owner,
                "mashupId",
                mashup,
                "clientTime",
                OffsetDateTime.now().toString(),
                "source",
                "Profile");
        List<Object> batch = List.of(play("e-1", device, mashup), like, like, follow);

        send(client(PHONE).auth().oauth2(TestTokens.forUser(listener)).header("X-Test-Country", "de"), batch)
                .statusCode(200)
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(1))
                .body("dropped", equalTo(0))
                .body("rejected", hasSize(0));
        // the whole batch again, anonymously this time: nothing new
        send(client(PHONE), batch).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(4));

        List<AnalyticsEventV1> aboutMashup = TestEvents.published(EventCatalog.ANALYTICS_EVENT, topic, mashup);
        assertEquals(
                List.of("play_end", "like"),
                aboutMashup.stream().map(AnalyticsEventV1::type).toList());
        AnalyticsEventV1 played = aboutMashup.get(0);
        assertEquals(owner, played.creatorId(), "the creator comes from the mashup projection");
        assertEquals(listener, played.userId());
        assertEquals("DE", played.country());
        assertEquals("mobile", played.agentClass());
        assertEquals("tiktok.com", played.referrerHost(), "only the referrer's host is kept");
        assertEquals("tiktok.com", played.source());
        assertEquals(61.5, played.positionSec());
        assertTrue(played.sessionId().startsWith("d-"), "a session derived from the device and the half hour");
        assertEquals(played.sessionId(), aboutMashup.get(1).sessionId());
        List<AnalyticsEventV1> aboutCreator = TestEvents.published(EventCatalog.ANALYTICS_EVENT, topic, owner);
        assertEquals(1, aboutCreator.size());
        assertEquals("profile", aboutCreator.get(0).source());
        assertEquals(mashup, aboutCreator.get(0).mashupId());
    }

    @Test
    void eachBadEventIsRejectedWithItsReasonWhileTheOthersGoOn() {
        String device = "dev-" + UUID.randomUUID();
        String now = Instant.now().toString();
        List<Object> batch = new ArrayList<>();
        batch.add(play("ok-1", device, "m-1"));
        batch.add("not an object");
        batch.add(event(null, "like", device, "mashupId", "m-1", "clientTime", now));
        batch.add(event("x-1", "teleport", device, "clientTime", now));
        batch.add(event("x-2", "like", device, "clientTime", now));
        batch.add(event("x-3", "like", device, "mashupId", "m\u00001", "clientTime", now));
        batch.add(event(
                "x-4",
                "like",
                device,
                "mashupId",
                "m-1",
                "clientTime",
                Instant.now().plus(Duration.ofHours(1))));
        batch.add(event("x-5", "like", device, "mashupId", "m-1", "clientTime", "2001-01-01T00:00:00Z"));
        batch.add(event(
                "x-6",
                "play_end",
                device,
                "mashupId",
                "m-1",
                "clientTime",
                now,
                "positionSec",
                500,
                "trackLengthSec",
                120));
        batch.add(event("x-7", "share", device, "mashupId", "m-1", "clientTime", now));
        batch.add(event("x-8", "play_start", device, "mashupId", "m-1", "clientTime", now, "positionSec", "12"));
        batch.add(event("x-9", "like", device, "mashupId", "m-1", "clientTime", "yesterday"));
        batch.add(event("x-10", "subscription_upgraded", device, "clientTime", now, "tier", "platinum"));
        send(client(BROWSER), batch)
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", hasSize(12))
                .body("rejected.index", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)))
                .body(
                        "rejected.reason",
                        equalTo(List.of(
                                "malformed",
                                "missing-field",
                                "unknown-type",
                                "missing-field",
                                "invalid",
                                "in-the-future",
                                "too-old",
                                "invalid",
                                "missing-field",
                                "invalid",
                                "invalid",
                                "invalid")))
                .body("rejected[3].id", equalTo("x-2"))
                .body("rejected[3].detail", equalTo("mashupId is required"));
    }

    @Test
    void badRequestsGetProblemsAndStoreNothing() throws Exception {
        long before = MashupsTestEnvironment.count(schema, "SELECT count(*) FROM captured_events");
        String device = "dev-" + UUID.randomUUID();
        client(BROWSER)
                .body("{\"events\": [")
                .post("/api/analytics/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        client(BROWSER)
                .body("[]")
                .post("/api/analytics/events")
                .then()
                .statusCode(400)
                .body("detail", containsString("{\"events\": [...]}"));
        client(BROWSER)
                .body("{\"events\": {}}")
                .post("/api/analytics/events")
                .then()
                .statusCode(400);
        client(BROWSER)
                .body("{\"events\": [], \"events\": []}")
                .post("/api/analytics/events")
                .then()
                .statusCode(400);
        send(client(BROWSER), List.of()).statusCode(422);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(play("many-" + i, device, "m-1"));
        }
        send(client(BROWSER), tooMany).statusCode(422).body("detail", containsString("1 to 500 events"));
        client(BROWSER)
                .body("{\"events\": [\"" + "x".repeat(1_100_000) + "\"]}")
                .post("/api/analytics/events")
                .then()
                .statusCode(413);
        client(BROWSER)
                .contentType("text/plain")
                .body("play")
                .post("/api/analytics/events")
                .then()
                .statusCode(415);
        send(client(BROWSER).auth().oauth2(TestTokens.tampered("someone", "admin")), List.of(play("t-1", device, "m")))
                .statusCode(401);
        send(client(BROWSER).auth().oauth2("not.a.token"), List.of(play("t-2", device, "m")))
                .statusCode(401);
        assertEquals(before, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM captured_events"));
    }

    @Test
    void botsAndMachineSpeedDevicesAreDroppedAndCounted() {
        String device = "dev-" + UUID.randomUUID();
        for (String bot : List.of(
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
                "")) {
            send(client(bot), List.of(play("b-1", device, "m-1")))
                    .statusCode(200)
                    .body("accepted", equalTo(0))
                    .body("dropped", equalTo(1))
                    .body("droppedReason", equalTo("bot"));
        }
        // the test profile lets a device send 50 at once, then 20 a second
        List<Object> flood = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            flood.add(play("f-" + i, device, "m-1"));
        }
        var answer = send(client(BROWSER), flood).statusCode(200).extract();
        int accepted = answer.path("accepted");
        int dropped = answer.path("dropped");
        assertEquals(80, accepted + dropped);
        assertTrue(accepted >= 50 && accepted <= 55, "the burst and what refilled meanwhile: " + accepted);
        assertEquals("rate", answer.path("droppedReason"));
    }

    @Test
    void idsOlderThanTheDedupWindowArePurged() throws Exception {
        String device = "old-" + UUID.randomUUID();
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO captured_events (device_id, event_id, received_at) SELECT '" + device
                        + "', 'e-' || i, now() - interval '10 days' FROM generate_series(1, 12000) i");
        purge.purgeBefore(OffsetDateTime.now().minusDays(5)).await().atMost(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM captured_events WHERE device_id = '" + device + "'")
                        == 0);
    }
}
