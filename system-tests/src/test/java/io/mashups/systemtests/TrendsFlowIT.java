package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.TrendSourcesFake;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Trending sounds through the gateway, as a cron job and the frontend use them: the fleet's trends service reads its
 * sources from a local fake of their APIs (Fleet); a sweep through the cron endpoint, then each source's chart and the
 * combined one, every answer checked against the seed plan's {@code TrendsResponse}.
 *
 * <p>The class runs beside the others (junit-platform.properties): most of it is a minute of waiting on the trends
 * replicas' clocks, and nothing else in the suite reads or moves trends. Its own tests run one after the other, since
 * the sweep fetches Deezer's chart too.
 */
@ExtendWith(Fleet.class)
@Execution(ExecutionMode.CONCURRENT)
class TrendsFlowIT {
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aCronSweepFillsEachSourcesChartAndTheCombinedOne() {
        given().get("/api/cron/fetch-trends").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-the-secret")
                .get("/api/cron/fetch-trends")
                .then()
                .statusCode(401);

        TrendSourcesFake.everySourceAnswers(Fleet.trendSources());
        JsonPath report = given().header("Authorization", "Bearer " + Fleet.CRON_SECRET)
                .get("/api/cron/fetch-trends")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String fetcher : List.of("youtube", "deezer", "apple-music", "licensed", "mashups")) {
            assertEquals(
                    List.of(),
                    report.getList("fetches.findAll { it.fetcher == '" + fetcher + "' && it.status != 'ok' }"),
                    report.prettify());
        }
        assertEquals("lastfm", report.getString("skipped[0].fetcher"));

        String token = FrontendSessionIT.devToken("trends-" + UUID.randomUUID(), "");
        for (String source : List.of("youtube", "deezer", "apple-music", "spotify")) {
            String answer = given().auth()
                    .oauth2(token)
                    .get("/api/trends?source=" + source + "&limit=20")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            SeedContract.assertAnswers("GET /api/trends", "TrendsResponse", answer);
            JsonPath chart = JsonPath.from(answer);
            assertFalse(chart.getList("sounds").isEmpty(), source + ": " + answer);
            assertEquals(source, chart.getString("sounds[0].source"));
            assertEquals("ok", chart.getString("sources.find { it.name == '" + source + "' }.status"));
        }

        String combined = given().auth()
                .oauth2(token)
                .get("/api/trends?limit=20")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        SeedContract.assertAnswers("GET /api/trends", "TrendsResponse", combined);
        // one song across YouTube's video title, Deezer's and the feed's ISRC and Apple's name
        List<String> charts =
                JsonPath.from(combined).getList("sounds.find { it.title == 'Blinding Lights' }.charts.source");
        assertTrue(charts.containsAll(List.of("youtube", "deezer", "apple-music", "spotify")), combined);

        JsonPath lastfm = given().auth()
                .oauth2(token)
                .get("/api/trends?source=lastfm")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(), lastfm.getList("sounds"));
        assertEquals("skipped", lastfm.getString("sources.find { it.name == 'lastfm' }.status"));
    }

    /**
     * Two replicas of trends ticking every 2 s, Deezer's chart due every 15 s (Fleet's settings): the chart is
     * fetched once a period, never twice, so the gaps between Deezer's requests are never shorter than the period.
     * Uncoordinated replicas would each fetch it every period, at phases of their own.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void twoReplicasFetchEachChartOncePerPeriod() throws Exception {
        int replica = Fleet.replica("trends", 8097);
        try {
            Instant from = Instant.now();
            // a period is 15 s plus up to a tick (2 s) and a loaded machine's delays: 65 s holds at least 3 fetches
            Thread.sleep(65_000);
            List<Instant> fetches = Fleet.trendSources().server().getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getUrl().startsWith("/chart/0/tracks"))
                    .map(event -> event.getRequest().getLoggedDate().toInstant())
                    .filter(at -> at.isAfter(from))
                    .sorted()
                    .toList();
            assertTrue(fetches.size() >= 3, "Deezer fetched " + fetches.size() + " times in 65 s: " + fetches);
            for (int i = 1; i < fetches.size(); i++) {
                Duration gap = Duration.between(fetches.get(i - 1), fetches.get(i));
                assertTrue(gap.compareTo(Duration.ofSeconds(14)) >= 0, "fetched twice in " + gap + ": " + fetches);
            }
        } finally {
            Fleet.kill("trends@" + replica);
        }
    }
}
