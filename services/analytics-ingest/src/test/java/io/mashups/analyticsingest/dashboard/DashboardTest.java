package io.mashups.analyticsingest.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Events captured over HTTP, rolled up by the Kafka Streams application, materialised and read back by the owner;
 * the engagement feed; nobody else's figures; retention per tier.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
public class DashboardTest {
    static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    public static Map<String, Object> event(String type, String device, Instant at, Object... more) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "e-" + UUID.randomUUID());
        event.put("type", type);
        event.put("deviceId", device);
        event.put("clientTime", at.toString());
        for (int i = 0; i < more.length; i += 2) {
            event.put((String) more[i], more[i + 1]);
        }
        return event;
    }

    /** A listening session: start, progress every 15 s, end, {@code seconds} long, on a 120 s track. */
    public static List<Map<String, Object>> listen(String device, String mashup, Instant from, int seconds) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int at = 0; at <= seconds; at += 15) {
            String type = at == 0 ? "play_start" : "play_progress";
            events.add(event(
                    type,
                    device,
                    from.plusSeconds(at),
                    "mashupId",
                    mashup,
                    "positionSec",
                    at,
                    "trackLengthSec",
                    120,
                    "referrer",
                    "https://www.tiktok.com/@someone"));
        }
        events.add(event(
                "play_end",
                device,
                from.plusSeconds(seconds),
                "mashupId",
                mashup,
                "positionSec",
                seconds,
                "trackLengthSec",
                120));
        return events;
    }

    public static void send(String token, String country, List<Map<String, Object>> events) {
        var request = given().contentType("application/json").header("User-Agent", BROWSER);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        request.header("X-Test-Country", country)
                .body(Map.of("events", events))
                .post("/api/analytics/events")
                .then()
                .statusCode(200)
                .body("rejected", hasSize(0));
    }

    public static JsonPath get(String user, String path) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void playsLikesSharesAndFollowsReachTheOwnersFiguresAndTheEngagementFeed() throws Exception {
        String owner = TestEvents.userOn(Tier.PRO, schema);
        String mashup = TestMashups.rendered(schema, owner, "public");
        String fan = "fan-" + UUID.randomUUID();
        String fanDevice = "dev-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(120);
        List<Map<String, Object>> signedIn = new ArrayList<>(listen(fanDevice, mashup, start, 45));
        signedIn.add(event("like", fanDevice, start.plusSeconds(50), "mashupId", mashup));
        signedIn.add(event("share", fanDevice, start.plusSeconds(51), "mashupId", mashup, "platform", "tiktok"));
        signedIn.add(event("comment", fanDevice, start.plusSeconds(52), "mashupId", mashup));
        signedIn.add(event("follow", fanDevice, start.plusSeconds(53), "creatorId", owner));
        send(TestTokens.forUser(fan), "de", signedIn);
        // an anonymous listener who leaves after 15 s: a session, not a play
        send(null, "br", listen("dev-" + UUID.randomUUID(), mashup, start.plusSeconds(5), 15));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath stats = get(owner, "/api/analytics/mashup/" + mashup);
            assertEquals(1, stats.getInt("plays"));
            assertEquals(2, stats.getInt("sessions"));
            assertEquals(60.0, stats.getDouble("playTime"));
            // from tables further down the topology, which may land a moment later
            assertEquals(2, stats.getInt("peakConcurrent"), "both listened in the same minutes");
            assertEquals(1, stats.getInt("uniqueListeners"));
        });
        JsonPath stats = get(owner, "/api/analytics/mashup/" + mashup);
        assertEquals(30.0, stats.getDouble("avgPlayDuration"));
        List<Map<String, Object>> dropOff = stats.getList("dropOffPoints");
        assertEquals(21, dropOff.size());
        assertEquals(100.0, ((Number) dropOff.get(0).get("percentage")).doubleValue());
        // at 6 s (5%) both still listen; at 18 s (15%) only the fan; past 45 s of 120 (40%) nobody
        assertEquals(100.0, ((Number) dropOff.get(1).get("percentage")).doubleValue());
        assertEquals(50.0, ((Number) dropOff.get(3).get("percentage")).doubleValue());
        assertEquals(0.0, ((Number) dropOff.get(8).get("percentage")).doubleValue());
        assertEquals(36.0, ((Number) dropOff.get(6).get("timestamp")).doubleValue());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath dashboard = get(owner, "/api/analytics/dashboard");
            assertEquals(1, dashboard.getInt("totalLikes"));
            assertEquals(1, dashboard.getInt("followers"));
        });
        JsonPath dashboard = get(owner, "/api/analytics/dashboard?days=7");
        assertEquals(1, dashboard.getInt("totalPlays"));
        assertEquals(mashup, dashboard.getString("topMashups[0].id"));
        assertEquals(1, dashboard.getInt("topMashups[0].plays"));
        assertEquals(7, dashboard.getList("playsOverTime").size());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), dashboard.getString("playsOverTime[6].date"));
        assertEquals(1, dashboard.getInt("playsOverTime[6].plays"));
        assertEquals("tiktok.com", dashboard.getString("sources[0].source"));
        assertEquals(1, dashboard.getInt("sources[0].count"));
        assertEquals("DE", dashboard.getString("demographics.location[0].country"));
        assertEquals(List.of(), dashboard.getList("demographics.age"), "nobody declared an age");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<EngagementV1> feed = TestEvents.published(EventCatalog.ENGAGEMENT, mashup);
            assertTrue(!feed.isEmpty());
            EngagementV1 last = feed.get(feed.size() - 1);
            assertEquals(new EngagementV1.Counts(1, 1, 1, 1, 1, 0), last.totals());
            assertEquals(owner, last.creatorId());
            assertEquals(
                    last.totals(),
                    feed.stream().map(EngagementV1::delta).reduce(EngagementV1.Counts.NONE, DashboardTest::plus));
            List<EngagementV1> ofCreator = TestEvents.published(EventCatalog.ENGAGEMENT, owner);
            assertEquals(1, ofCreator.get(ofCreator.size() - 1).totals().followers());
        });

        // an unlike and an unfollow undo them
        send(
                TestTokens.forUser(fan),
                "de",
                List.of(
                        event("unlike", fanDevice, start.plusSeconds(90), "mashupId", mashup),
                        event("unfollow", fanDevice, start.plusSeconds(91), "creatorId", owner)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath after = get(owner, "/api/analytics/dashboard");
            assertEquals(0, after.getInt("totalLikes"));
            assertEquals(0, after.getInt("followers"));
        });
    }

    static EngagementV1.Counts plus(EngagementV1.Counts a, EngagementV1.Counts b) {
        return new EngagementV1.Counts(
                a.plays() + b.plays(),
                a.uniqueListeners() + b.uniqueListeners(),
                a.likes() + b.likes(),
                a.shares() + b.shares(),
                a.comments() + b.comments(),
                a.followers() + b.followers());
    }

    @Test
    void nobodyReadsAnotherCreatorsFigures() throws Exception {
        String owner = TestEvents.userOn(Tier.STUDIO, schema);
        String mashup = TestMashups.rendered(schema, owner, "public");
        String other = "other-" + UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.forUser(other))
                .get("/api/analytics/mashup/" + mashup)
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/analytics/mashup/no-such-mashup")
                .then()
                .statusCode(404);
        given().get("/api/analytics/dashboard").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.expired(owner))
                .get("/api/analytics/mashup/" + mashup)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/analytics/mashup/bad%00id")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/analytics/dashboard?days=0")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().auth()
                .oauth2(TestTokens.forUser(owner))
                .get("/api/analytics/dashboard?days=many")
                .then()
                .statusCode(400);
        // another creator's dashboard holds only their own (nothing)
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO mashup_days (mashup_id, day, plays, likes) VALUES ('" + mashup + "', current_date, 5, 2)");
        assertEquals(5, get(owner, "/api/analytics/dashboard").getInt("totalPlays"));
        assertEquals(0, get(other, "/api/analytics/dashboard").getInt("totalPlays"));
        assertEquals(List.of(), get(other, "/api/analytics/dashboard").getList("topMashups"));
    }

    @Test
    void windowsAreClampedToTheTiersRetention() throws Exception {
        String free = TestEvents.userOn(Tier.FREE, schema);
        String pro = TestEvents.userOn(Tier.PRO, schema);
        String studio = TestEvents.userOn(Tier.STUDIO, schema);
        for (String user : List.of(free, pro, studio)) {
            String mashup = TestMashups.rendered(schema, user, "public");
            // a day of plays 5 days ago, one 30 days ago and one 400 days ago
            for (int daysAgo : List.of(5, 30, 400)) {
                MashupsTestEnvironment.execute(
                        schema,
                        "INSERT INTO mashup_days (mashup_id, day, plays) VALUES ('" + mashup + "', current_date - "
                                + daysAgo + ", " + daysAgo + ")");
            }
        }
        JsonPath freeView = get(free, "/api/analytics/dashboard?days=365");
        assertEquals(7, freeView.getInt("window.days"));
        assertTrue(freeView.getBoolean("window.clamped"));
        assertEquals(5, freeView.getInt("totalPlays"));
        assertEquals(7, freeView.getList("playsOverTime").size());

        JsonPath proView = get(pro, "/api/analytics/dashboard?days=365");
        assertEquals(90, proView.getInt("window.days"));
        assertEquals(35, proView.getInt("totalPlays"));

        JsonPath studioView = get(studio, "/api/analytics/dashboard?days=3660");
        assertEquals(3660, studioView.getInt("window.days"));
        assertEquals(false, studioView.getBoolean("window.clamped"));
        assertEquals(435, studioView.getInt("totalPlays"));
        assertEquals(435, get(studio, "/api/analytics/dashboard?days=500").getInt("totalPlays"));
        assertEquals(5, get(studio, "/api/analytics/dashboard?days=7").getInt("totalPlays"));
        given().auth()
                .oauth2(TestTokens.forUser(studio))
                .get("/api/analytics/dashboard")
                .then()
                .body("window.days", equalTo(30))
                .body("window.retentionDays", equalTo(null));
    }
}
