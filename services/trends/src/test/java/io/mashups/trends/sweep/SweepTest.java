package io.mashups.trends.sweep;

import static io.mashups.trends.SourcesFake.everySourceAnswers;
import static io.mashups.trends.SourcesFake.requests;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.events.attribution.AttributionCompletedV1;
import io.mashups.messaging.Blocking;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.MovableClock;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.mashups.testing.TrendSourcesFake;
import io.mashups.trends.SourcesFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sweeps against the providers' fake, through the cron endpoint and the schedule. The tests move the service's clock
 * to dates later than the previous test's (each one's charts are then the latest), so they run in order.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(SourcesFake.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepTest {
    private static final String SECRET = "Bearer test-cron-secret";

    @Inject
    SweepService sweeps;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    private final String token = TestTokens.forUser("trend-watcher");

    private static JsonPath cron() {
        return given().header("Authorization", SECRET)
                .get("/api/cron/fetch-trends")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .extract()
                .jsonPath();
    }

    private static String status(JsonPath report, String fetcher, String region) {
        return report.getString(
                "fetches.find { it.fetcher == '" + fetcher + "' && it.region == '" + region + "' }.status");
    }

    private JsonPath trends(String query) {
        return given().auth()
                .oauth2(token)
                .get("/api/trends" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String sourceStatus(JsonPath trends, String source) {
        return trends.getString("sources.find { it.name == '" + source + "' }.status");
    }

    private static MovableClock clockAt(String instant) {
        MovableClock clock = new MovableClock(Instant.parse(instant));
        QuarkusMock.installMockForType(clock, Clock.class);
        return clock;
    }

    @Test
    @Order(0)
    void theCronEndpointWantsItsSecretAndTheApiAToken() {
        everySourceAnswers();
        for (String authorization : List.of(
                "",
                "Bearer ",
                "Bearer wrong",
                "Bearer test-cron-secret-and-more",
                "Basic dGVzdC1jcm9uLXNlY3JldA==",
                "test-cron-secret")) {
            given().header("Authorization", authorization)
                    .get("/api/cron/fetch-trends")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
        given().get("/api/cron/fetch-trends").then().statusCode(401);
        assertEquals(0, requests("/chart/0/tracks", null), "nothing was swept");

        cron();
        assertEquals(1, requests("/chart/0/tracks", null));
        given().get("/api/trends").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/trends?limit=0").then().statusCode(400);
        given().auth()
                .oauth2(token)
                .get("/api/trends?source=myspace")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("source"));
    }

    @Test
    @Order(1)
    void thePlatformsOwnChartsRankSongsCreatorsUseAndMashupsGainingPlays() throws Exception {
        String owner = "creator-" + System.nanoTime();
        String both = TestMashups.rendered(schema, owner, "public");
        String one = TestMashups.rendered(schema, owner + "-b", "public");
        String hidden = TestMashups.rendered(schema, owner + "-c", "private");
        String x = "Trend Song X " + owner;
        String y = "Trend Song Y " + owner;
        TestEvents.publish(
                EventCatalog.ATTRIBUTION_COMPLETED,
                both,
                new AttributionCompletedV1(
                        "mashup",
                        both,
                        owner,
                        List.of(
                                new AttributionCompletedV1.Source("r1", x, "Artist X", 91),
                                new AttributionCompletedV1.Source("r2", y, "Artist Y", 84))));
        TestEvents.publish(
                EventCatalog.ATTRIBUTION_COMPLETED,
                one,
                new AttributionCompletedV1(
                        "mashup", one, owner, List.of(new AttributionCompletedV1.Source("r1", x, "Artist X", 88))));
        TestEvents.publish(
                EventCatalog.ATTRIBUTION_COMPLETED,
                hidden,
                new AttributionCompletedV1(
                        "upload", hidden, owner, List.of(new AttributionCompletedV1.Source("r1", y, "Artist Y", 88))));
        Instant now = Instant.now();
        for (var plays : Map.of(both, 50L, one, 5L, hidden, 500L).entrySet()) {
            TestEvents.publish(
                    EventCatalog.ENGAGEMENT,
                    plays.getKey(),
                    new EngagementV1(
                            EngagementV1.MASHUP,
                            plays.getKey(),
                            owner,
                            new EngagementV1.Counts(plays.getValue(), 1, 0, 0, 0, 0),
                            new EngagementV1.Counts(plays.getValue(), 1, 0, 0, 0, 0),
                            now.minusSeconds(600),
                            now.minusSeconds(60)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                        schema,
                                        "SELECT count(*) FROM mashup_plays WHERE mashup_id IN ('" + both + "', '" + one
                                                + "', '" + hidden + "')")
                                == 3
                        && MashupsTestEnvironment.count(
                                        schema,
                                        "SELECT count(*) FROM mashup_songs WHERE mashup_id IN ('" + both + "', '" + one
                                                + "')")
                                == 3);

        everySourceAnswers();
        cron();

        List<String> songs = trends("?source=mashups&region=songs&limit=100").getList("sounds.title");
        assertTrue(songs.indexOf(x) >= 0 && songs.indexOf(x) < songs.indexOf(y), songs.toString());
        JsonPath rising = trends("?source=mashups&region=rising&limit=100");
        List<String> titles = rising.getList("sounds.title");
        assertTrue(titles.indexOf("Mix of " + owner) >= 0, titles.toString());
        assertTrue(titles.indexOf("Mix of " + owner) < titles.indexOf("Mix of " + owner + "-b"), titles.toString());
        assertFalse(titles.contains("Mix of " + owner + "-c"), "a private mashup is nobody's trend");
        assertEquals(
                "Artist X × Artist Y", rising.getString("sounds.find { it.title == 'Mix of " + owner + "' }.artist"));
    }

    @Test
    @Order(2)
    void aQuotaRefusalStopsYouTubeUntilMidnightPacificAndTheOthersCarryOn() {
        MovableClock clock = clockAt("2027-01-10T10:00:00Z"); // 02:00 in Los Angeles
        everySourceAnswers();
        SourcesFake.youTube("GB", 403, TrendSourcesFake.QUOTA_EXCEEDED);

        JsonPath first = cron();

        assertEquals("ok", status(first, "youtube", "US"));
        assertEquals("quota-exceeded", status(first, "youtube", "GB"));
        assertEquals("ok", status(first, "deezer", "global"));
        assertEquals("ok", status(first, "apple-music", "us"));
        assertEquals("ok", status(first, "licensed", "feed"));
        assertEquals("lastfm", first.getString("skipped[0].fetcher"));
        given().get("/q/metrics")
                .then()
                .body(containsString("trends_fetches_total{fetcher=\"youtube\",status=\"quota-exceeded\"}"));
        JsonPath youtube = trends("?source=youtube&region=us");
        assertEquals("The Weeknd", youtube.getString("sounds[0].artist"));
        assertEquals("https://www.youtube.com/watch?v=4NRXx6U8ABQ", youtube.getString("sounds[0].externalUrl"));
        assertEquals("quota-exceeded", sourceStatus(youtube, "youtube"));
        assertTrue(
                youtube.getString("sources.find { it.name == 'lastfm' }.error").contains("no Last.fm API key"));
        assertEquals("skipped", sourceStatus(youtube, "lastfm"));
        assertEquals("ok", sourceStatus(youtube, "spotify"));
        // one song across sources: YouTube's video title, Deezer's and the licensed feed's ISRC, Apple's name
        JsonPath combined = trends("?limit=5");
        assertEquals("Blinding Lights", combined.getString("sounds[0].title").substring(0, 15));
        assertEquals(4, combined.getList("sounds[0].charts").size(), combined.prettify());

        clock.advance(Duration.ofHours(1));
        JsonPath sameDay = cron();
        assertEquals("quota-exhausted", status(sameDay, "youtube", "US"));
        assertEquals("quota-exhausted", status(sameDay, "youtube", "GB"));
        assertEquals("ok", status(sameDay, "deezer", "global"));
        assertEquals(1, requests("/youtube/v3/videos", "US"), "no YouTube call until the quota resets");
        assertEquals(1, requests("/youtube/v3/videos", "GB"));

        clock.advance(Duration.ofHours(21).plusMinutes(30)); // 00:30 the next day in Los Angeles
        everySourceAnswers();
        JsonPath nextDay = cron();
        assertEquals("ok", status(nextDay, "youtube", "US"));
        assertEquals("ok", status(nextDay, "youtube", "GB"));
        assertEquals("ok", sourceStatus(trends("?source=youtube&region=gb"), "youtube"));
    }

    @Test
    @Order(3)
    void aFailingSourceOpensItsCircuitWhileTheSweepCompletesAndRecoversLater() throws InterruptedException {
        MovableClock clock = clockAt("2027-02-10T10:00:00Z");
        everySourceAnswers();
        assertEquals("ok", status(cron(), "deezer", "global"));
        SourcesFake.json("/chart/0/tracks", 500, "{\"error\": \"internal\"}");
        clock.advance(Duration.ofMinutes(1));

        assertEquals("failed", status(cron(), "deezer", "global"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("failed", status(cron(), "deezer", "global"));
        clock.advance(Duration.ofMinutes(1));
        JsonPath open = cron();

        assertEquals("circuit-open", status(open, "deezer", "global"));
        assertEquals("ok", status(open, "apple-music", "us"));
        assertEquals(3, requests("/chart/0/tracks", null), "an open circuit makes no call");
        JsonPath trends = trends("?source=deezer");
        assertEquals("circuit-open", sourceStatus(trends, "deezer"));
        assertEquals("Blinding Lights", trends.getString("sounds[0].title"), "the last chart stays");

        everySourceAnswers();
        Thread.sleep(1200);
        clock.advance(Duration.ofMinutes(1));
        assertEquals("ok", status(cron(), "deezer", "global"));
        assertEquals("ok", sourceStatus(trends("?source=deezer"), "deezer"));
    }

    @Test
    @Order(4)
    void velocitiesAndScoresOfAScriptedRankHistoryAreTheHandComputedOnes() {
        MovableClock clock = clockAt("2027-03-10T00:00:00Z");
        everySourceAnswers();
        SourcesFake.feed(history("A", "B", "C", "D") + "tiktok,se,1,Warm Up,Someone Else,,,,\n");
        cron();
        clock.advance(Duration.ofHours(6));
        SourcesFake.feed(history("B", "A", "D", "E"));
        cron();
        clock.advance(Duration.ofHours(6));
        SourcesFake.feed(history("E", "B", "A", "F") + "tiktok,se,1,History Song E,Test Artist,,,,\n");
        cron();

        JsonPath chart = trends("?source=spotify&region=se");
        assertEquals(
                List.of("History Song E", "History Song B", "History Song A", "History Song F"),
                chart.getList("sounds.title"));
        // E: not on the chart a day (12 h) ago, so from place 5 to 1: 4/12 an hour; 4 -> 1 since the last fetch
        assertEquals(List.of(0.333f, 0.0f, -0.167f, 0.083f), chart.getList("sounds.velocity", Float.class));
        assertEquals(4, chart.getInt("sounds[0].previousRank"));
        assertNull(chart.get("sounds[3].previousRank"));
        assertEquals(List.of(false, false, false, true), chart.getList("sounds.isNew"));
        // (N + 1 - rank) / N + 0.5 * max(0, velocity) * 24 / N with N = 4, fresh: 1 + 1, 0.75, 0.5, 0.25 + 0.25
        assertEquals(List.of(2.0f, 0.75f, 0.5f, 0.5f), chart.getList("sounds.score", Float.class));

        JsonPath combined = trends("?limit=100");
        String e = "sounds.find { it.title == 'History Song E' }";
        // TikTok's chart of one had Warm Up alone 12 h ago: E came from place 2, 1 + 0.5 * (1/12) * 24 / 1 = 2
        assertEquals(4.0f, combined.getFloat(e + ".score"), "2 on Spotify's chart and 2 on TikTok's");
        assertEquals(2, combined.getList(e + ".charts").size());
        assertEquals(List.of("spotify", "tiktok"), combined.getList(e + ".charts.source"));

        clock.advance(Duration.ofHours(6));
        assertEquals(1.414f, trends("?source=spotify&region=se").getFloat("sounds[0].score"), "2 * 2^(-6/12)");
    }

    private static String history(String... songs) {
        StringBuilder csv = new StringBuilder("source,region,rank,title,artist,isrc,url,thumbnail_url,preview_url\n");
        for (int i = 0; i < songs.length; i++) {
            csv.append("spotify,se,")
                    .append(i + 1)
                    .append(",History Song ")
                    .append(songs[i])
                    .append(",Test Artist,,,,\n");
        }
        return csv.toString();
    }

    @Test
    @Order(5)
    void replicasTickingTogetherFetchEachChartOncePerPeriod() throws Exception {
        MovableClock clock = clockAt("2027-04-01T00:00:00Z");
        everySourceAnswers();

        tickTogether(3);
        assertEquals(1, requests("/youtube/v3/videos", "US"));
        assertEquals(1, requests("/youtube/v3/videos", "GB"));
        assertEquals(1, requests("/chart/0/tracks", null));
        assertEquals(1, requests("/api/v2/us/music/most-played/50/songs.json", null));
        assertEquals(1, requests("/feed.csv", null));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM fetches WHERE fetcher = 'mashups' AND fetched_at >= '2027-04-01'"));

        clock.advance(Duration.ofMinutes(59));
        tickTogether(3);
        assertEquals(1, requests("/chart/0/tracks", null), "not due before the hour");

        clock.advance(Duration.ofMinutes(1));
        tickTogether(3);
        assertEquals(2, requests("/youtube/v3/videos", "US"));
        assertEquals(2, requests("/chart/0/tracks", null));
        assertEquals(2, requests("/feed.csv", null));
        assertEquals(
                4,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM fetches WHERE fetcher = 'mashups' AND fetched_at >= '2027-04-01'"));
    }

    /** Replicas' schedules firing at once: each tick on its own thread, its own Vert.x context. */
    private void tickTogether(int replicas) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<SweepReport>> ticks =
                    threads.invokeAll(java.util.Collections.nCopies(replicas, () -> Blocking.await(sweeps::sweepDue)));
            for (Future<SweepReport> tick : ticks) {
                assertTrue(tick.get().success());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    @Order(6)
    void everySweepIsAnnouncedOnTrendsUpdated() {
        clockAt("2027-04-02T00:00:00Z");
        everySourceAnswers();
        String sweep = cron().getString("sweepId");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var published = TestEvents.published(EventCatalog.TRENDS_UPDATED, sweep);
            assertEquals(1, published.size());
            assertEquals("cron", published.get(0).trigger());
            assertTrue(published.get(0).fetches().stream()
                    .anyMatch(f -> f.fetcher().equals("deezer")));
            assertFalse(published.get(0).top().isEmpty());
        });
        given().auth()
                .oauth2(token)
                .get("/api/trends?source=spotify")
                .then()
                .statusCode(200)
                .body("sounds[0].title", containsString("Blinding Lights"));
    }
}
