package io.mashups.trends.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.ProviderFake;
import io.mashups.trends.SourcesFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each source's client (built here, pointed at the fake; a Quarkus test because its guards need the fault tolerance
 * runtime) against a local fake serving the provider's documented answers: pages, malformed items, error
 * bodies, quota refusals; and the guard every HTTP source runs in (circuit breaker, rate limit).
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(SourcesFake.class)
class FetchersTest {
    private static ProviderFake fake;

    @BeforeAll
    static void start() {
        fake = new ProviderFake();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static void serve(String path, String query, int status, String body) {
        var request = get(urlPathEqualTo(path));
        if (query != null) {
            String[] pair = query.split("=", 2);
            request = request.withQueryParam(pair[0], equalTo(pair[1]));
        }
        fake.client()
                .register(request.willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(body)));
    }

    private static Fetched fetch(TrendFetcher fetcher, String region, int allowed) {
        return fetcher.fetch(region, allowed).await().atMost(Duration.ofSeconds(10));
    }

    private static Throwable failure(TrendFetcher fetcher, String region) {
        return fetcher.fetch(region, 100)
                .onItem()
                .transform(fetched -> (Throwable) null)
                .onFailure()
                .recoverWithItem(error -> error)
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    // --- YouTube Data API v3: videos.list ---

    private static String video(String id, String title, String channel) {
        return """
                {"kind": "youtube#video", "etag": "e-%1$s", "id": "%1$s", "snippet": {"publishedAt": "2026-11-20T15:00:10Z",
                 "channelId": "UC0WP5P-ufpRfjbNrmOWwLBQ", "title": "%2$s", "description": "",
                 "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/%1$s/default.jpg", "width": 120, "height": 90},
                  "medium": {"url": "https://i.ytimg.com/vi/%1$s/mqdefault.jpg", "width": 320, "height": 180}},
                 "channelTitle": "%3$s", "categoryId": "10", "liveBroadcastContent": "none"}}""".formatted(id, title, channel);
    }

    private static String videoPage(String next, String... items) {
        return "{\"kind\": \"youtube#videoListResponse\", \"etag\": \"x\", \"items\": [" + String.join(",", items)
                + "], " + (next == null ? "" : "\"nextPageToken\": \"" + next + "\", ")
                + "\"pageInfo\": {\"totalResults\": 3, \"resultsPerPage\": 2}}";
    }

    @Test
    void youTubePagesThroughTheMusicChartAndSplitsArtistFromTitle() {
        serve(
                "/youtube/v3/videos",
                null,
                200,
                videoPage(
                        "CAIQAA",
                        video("4NRXx6U8ABQ", "The Weeknd - Blinding Lights (Official Video)", "TheWeekndVEVO"),
                        "{\"kind\": \"youtube#video\", \"id\": \"broken\"}"));
        serve(
                "/youtube/v3/videos",
                "pageToken=CAIQAA",
                200,
                videoPage(null, video("H5v3kku4y6Q", "Espresso", "Sabrina Carpenter - Topic")));

        Fetched fetched =
                fetch(new YouTubeFetcher(Settings.of(fake.baseUrl() + "/youtube/v3", "yt-key", 50)), "us", 100);

        Chart chart = fetched.charts().get(0);
        assertEquals("youtube", chart.source());
        assertEquals("us", chart.region());
        assertEquals(2, fetched.requests());
        assertEquals(1, fetched.skipped(), "the video without a snippet");
        assertEquals(2, chart.items().size());
        ChartItem first = chart.items().get(0);
        assertEquals("Blinding Lights (Official Video)", first.title());
        assertEquals("The Weeknd", first.artist());
        assertEquals("https://www.youtube.com/watch?v=4NRXx6U8ABQ", first.externalUrl());
        assertEquals("https://i.ytimg.com/vi/4NRXx6U8ABQ/mqdefault.jpg", first.thumbnailUrl());
        ChartItem second = chart.items().get(1);
        assertEquals(2, second.rank());
        assertEquals("Espresso", second.title());
        assertEquals("Sabrina Carpenter", second.artist(), "the Topic channel's name");
        fake.client()
                .verifyThat(
                        2,
                        getRequestedFor(urlPathEqualTo("/youtube/v3/videos"))
                                .withQueryParam("chart", equalTo("mostPopular"))
                                .withQueryParam("videoCategoryId", equalTo("10"))
                                .withQueryParam("regionCode", equalTo("US"))
                                .withQueryParam("part", equalTo("snippet"))
                                .withQueryParam("key", equalTo("yt-key")));
    }

    @Test
    void youTubeStopsAtTheQuotaItIsAllowedAndReportsAQuotaRefusal() {
        serve("/youtube/v3/videos", null, 200, videoPage("NEXT", video("a", "A - B", "C")));
        YouTubeFetcher youtube = new YouTubeFetcher(Settings.of(fake.baseUrl() + "/youtube/v3", "yt-key", 50));

        assertEquals(1, fetch(youtube, "us", 1).requests(), "one unit left, one call");

        fake.reset();
        serve("/youtube/v3/videos", null, 403, """
                {"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your \
                <a href=\\"/youtube/v3/getting-started#quota\\">quota</a>.", "errors": [{"message": "The request \
                cannot be completed because you have exceeded your quota.", "domain": "youtube.quota",
                "reason": "quotaExceeded"}]}}""");
        Throwable quota = failure(youtube, "us");
        assertInstanceOf(QuotaExceededException.class, quota);
        assertEquals(1, ((QuotaExceededException) quota).requests());

        fake.reset();
        serve("/youtube/v3/videos", null, 400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                "errors": [{"message": "API key not valid.", "domain": "global", "reason": "badRequest"}],
                "status": "INVALID_ARGUMENT"}}""");
        Throwable refused = failure(youtube, "us");
        assertInstanceOf(SourceException.class, refused);
        assertTrue(refused.getMessage().contains("API key not valid"), refused.getMessage());
    }

    @Test
    void youTubeWithoutAKeyIsSkipped() {
        YouTubeFetcher youtube = new YouTubeFetcher(Settings.of(fake.baseUrl(), null, 50));
        assertTrue(youtube.unusable().orElseThrow().contains("no YouTube Data API key"));
    }

    // --- Deezer: /chart/0/tracks and a country's chart playlist ---

    private static String track(long id, String title, String artist, String isrc) {
        return """
                {"id": %d, "title": "%s", "title_short": "%2$s", "link": "https://www.deezer.com/track/%1$d",
                 "duration": 200, "rank": 954213, "explicit_lyrics": false, %s
                 "preview": "https://cdnt-preview.dzcdn.net/api/1/1/%1$d.mp3", "position": 1,
                 "artist": {"id": 4050205, "name": "%s", "link": "https://www.deezer.com/artist/4050205", "type": "artist"},
                 "album": {"id": 1, "title": "After Hours", "cover_medium": "https://e-cdns-images.dzcdn.net/images/cover/%1$d/250x250-000000-80-0-0.jpg",
                 "type": "album"}, "type": "track"}""".formatted(id, title, isrc == null ? "" : "\"isrc\": \"" + isrc + "\",", artist);
    }

    @Test
    void deezerFollowsNextLinksOnTheConfiguredHostAndReadsCountryPlaylists() {
        serve(
                "/chart/0/tracks",
                null,
                200,
                "{\"data\": [" + track(908604612, "Blinding Lights", "The Weeknd", null)
                        + ", {\"id\": 5, \"title\": \"no artist\"}], \"total\": 3, "
                        + "\"next\": \"https://api.deezer.com/chart/0/tracks?limit=2&index=2\"}");
        serve(
                "/chart/0/tracks",
                "index=2",
                200,
                "{\"data\": [" + track(1, "Espresso", "Sabrina Carpenter", "USUM72401994") + "], \"total\": 3}");
        DeezerFetcher deezer = new DeezerFetcher(Settings.of(fake.baseUrl(), null, 50));

        Fetched global = fetch(deezer, "global", 100);

        Chart chart = global.charts().get(0);
        assertEquals("global", chart.region());
        assertEquals(2, global.requests());
        assertEquals(1, global.skipped());
        assertEquals(
                List.of("Blinding Lights", "Espresso"),
                chart.items().stream().map(ChartItem::title).toList());
        assertEquals("USUM72401994", chart.items().get(1).isrc());
        assertEquals(
                "https://cdnt-preview.dzcdn.net/api/1/1/908604612.mp3",
                chart.items().get(0).previewUrl());

        serve(
                "/playlist/1109890291/tracks",
                null,
                200,
                "{\"data\": [" + track(2, "Tout va bien", "Alonzo", null) + "], \"total\": 1}");
        Fetched france = fetch(deezer, "FR:1109890291", 100);
        assertEquals("fr", france.charts().get(0).region());
        assertEquals("Tout va bien", france.charts().get(0).items().get(0).title());

        fake.reset();
        serve(
                "/chart/0/tracks",
                null,
                200,
                "{\"error\": {\"type\": \"Exception\", \"message\": \"Quota limit exceeded\"," + " \"code\": 4}}");
        Throwable quota = failure(deezer, "global");
        assertInstanceOf(SourceException.class, quota);
        assertTrue(quota.getMessage().contains("Quota limit exceeded"), quota.getMessage());
    }

    // --- Apple Music marketing RSS ---

    @Test
    void appleMusicReadsTheMostPlayedFeedOfTheStorefront() {
        serve("/api/v2/gb/music/most-played/25/songs.json", null, 200, """
                {"feed": {"title": "Top Songs", "id": "https://rss.applemarketingtools.com/api/v2/gb/music/most-played/25/songs.json",
                 "author": {"name": "Apple", "url": "https://www.apple.com/"}, "copyright": "Copyright © 2026 Apple Inc.",
                 "country": "gb", "icon": "https://www.apple.com/favicon.ico", "updated": "Fri, 4 Dec 2026 10:11:00 +0000",
                 "results": [
                  {"artistName": "Sabrina Carpenter", "id": "1738363766", "name": "Espresso", "releaseDate": "2024-04-12",
                   "kind": "songs", "artworkUrl100": "https://is1-ssl.mzstatic.com/image/thumb/a/100x100bb.jpg",
                   "genres": [], "url": "https://music.apple.com/gb/album/espresso/1738363756?i=1738363766"},
                  {"id": "1", "kind": "songs"},
                  {"artistName": "Chappell Roan", "id": "1736250111", "name": "Good Luck, Babe!", "kind": "songs",
                   "url": "https://music.apple.com/gb/album/good-luck-babe/1736250110?i=1736250111"}]}}""");

        Fetched fetched = fetch(new AppleMusicFetcher(Settings.of(fake.baseUrl(), null, 20)), "GB", 100);

        Chart chart = fetched.charts().get(0);
        assertEquals("gb", chart.region());
        assertEquals(1, fetched.skipped());
        assertEquals(
                List.of("Espresso", "Good Luck, Babe!"),
                chart.items().stream().map(ChartItem::title).toList());
        assertEquals(2, chart.items().get(1).rank());
        assertNull(chart.items().get(1).thumbnailUrl());

        serve("/api/v2/zz/music/most-played/25/songs.json", null, 404, "<html>Not Found</html>");
        assertInstanceOf(
                SourceException.class, failure(new AppleMusicFetcher(Settings.of(fake.baseUrl(), null, 20)), "zz"));
    }

    // --- Last.fm chart.getTopTracks ---

    private static String lastFmPage(int page, int pages, String... tracks) {
        return "{\"tracks\": {\"track\": [" + String.join(",", tracks) + "], \"@attr\": {\"page\": \"" + page
                + "\", \"perPage\": \"2\", \"totalPages\": \"" + pages + "\", \"total\": \"4\"}}}";
    }

    private static String lastFmTrack(String name, String artist) {
        return """
                {"name": "%s", "duration": "0", "playcount": "3461872", "listeners": "412223", "mbid": "",
                 "url": "https://www.last.fm/music/x/_/y", "streamable": {"#text": "0", "fulltrack": "0"},
                 "artist": {"name": "%s", "mbid": "", "url": "https://www.last.fm/music/x"},
                 "image": [{"#text": "https://lastfm.freetls.fastly.net/i/u/34s/a.png", "size": "small"},
                  {"#text": "https://lastfm.freetls.fastly.net/i/u/174s/a.png", "size": "large"}]}""".formatted(name, artist);
    }

    @Test
    void lastFmPagesByTotalPagesAndReportsItsErrors() {
        serve(
                "/2.0/",
                "page=1",
                200,
                lastFmPage(
                        1, 2, lastFmTrack("Espresso", "Sabrina Carpenter"), "{\"name\": \"orphan\", \"artist\": {}}"));
        serve("/2.0/", "page=2", 200, lastFmPage(2, 2, lastFmTrack("Birds of a Feather", "Billie Eilish")));
        LastFmFetcher lastfm = new LastFmFetcher(Settings.of(fake.baseUrl(), "lfm-key", 50));

        Fetched fetched = fetch(lastfm, "global", 100);

        assertEquals(2, fetched.requests());
        assertEquals(1, fetched.skipped());
        assertEquals(
                List.of("Espresso", "Birds of a Feather"),
                fetched.charts().get(0).items().stream().map(ChartItem::title).toList());
        assertEquals(
                "https://lastfm.freetls.fastly.net/i/u/174s/a.png",
                fetched.charts().get(0).items().get(0).thumbnailUrl());
        fake.client()
                .verifyThat(getRequestedFor(urlPathEqualTo("/2.0/"))
                        .withQueryParam("method", equalTo("chart.gettoptracks"))
                        .withQueryParam("api_key", equalTo("lfm-key")));

        fake.reset();
        serve("/2.0/", null, 429, "{\"error\": 29, \"message\": \"Rate Limit Exceded\"}");
        Throwable limited = failure(lastfm, "global");
        assertTrue(limited.getMessage().contains("error 29"), limited.getMessage());
        assertTrue(new LastFmFetcher(Settings.of(fake.baseUrl(), null, 50))
                .unusable()
                .isPresent());
    }

    // --- a licensed feed ---

    @Test
    void aLicensedFeedInCsvOrJsonGivesEachOfItsCharts() {
        fake.client()
                .register(get(urlPathEqualTo("/feeds/charts.csv"))
                        .withHeader("Authorization", equalTo("Bearer feed-key"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "text/csv")
                                .withBody("""
                                        source,region,rank,title,artist,isrc,url,thumbnail_url,preview_url
                                        spotify,us,2,"Good Luck, Babe!",Chappell Roan,USUM72403305,https://open.spotify.com/track/1,,
                                        spotify,us,1,Espresso,Sabrina Carpenter,USUM72401994,,,
                                        spotify,us,3,,Nobody,,,,
                                        tiktok,global,1,"APT.","ROSÉ, Bruno Mars",USAT22409172,,javascript:alert(1),
                                        ,us,1,No Source,Someone,,,,
                                        """)));
        LicensedFeedFetcher licensed =
                new LicensedFeedFetcher(Settings.feed(fake.baseUrl() + "/feeds/charts.csv", "feed-key"));

        Fetched csv = fetch(licensed, "feed", 100);

        assertEquals(2, csv.skipped(), "the row without a title and the one without a source");
        Chart spotify = csv.charts().get(0);
        assertEquals("spotify", spotify.source());
        assertEquals(
                List.of("Espresso", "Good Luck, Babe!"),
                spotify.items().stream().map(ChartItem::title).toList());
        assertEquals("USUM72401994", spotify.items().get(0).isrc());
        Chart tiktok = csv.charts().get(1);
        assertEquals("tiktok", tiktok.source());
        assertEquals("global", tiktok.region());
        assertEquals("ROSÉ, Bruno Mars", tiktok.items().get(0).artist());
        assertNull(tiktok.items().get(0).clean().thumbnailUrl(), "only http(s) links are kept");

        fake.client()
                .register(get(urlPathEqualTo("/feeds/charts.json"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                                        {"charts": [{"source": "spotify", "region": "gb", "entries": [
                                          {"rank": 1, "title": "Espresso", "artist": "Sabrina Carpenter",
                                           "previewUrl": "https://p.scdn.co/mp3-preview/1"},
                                          {"rank": "x", "title": "Bad rank", "artist": "Someone"}]}]}""")));
        Fetched json =
                fetch(new LicensedFeedFetcher(Settings.feed(fake.baseUrl() + "/feeds/charts.json", null)), "feed", 100);
        assertEquals(1, json.skipped());
        assertEquals("gb", json.charts().get(0).region());
        assertEquals(
                "https://p.scdn.co/mp3-preview/1",
                json.charts().get(0).items().get(0).previewUrl());

        assertTrue(new LicensedFeedFetcher(Settings.feed(null, null)).unusable().isPresent());
    }

    // --- the guard ---

    @Test
    void aFailingSourceOpensItsCircuitAndRecovers() throws InterruptedException {
        serve("/chart/0/tracks", null, 503, "{\"error\": \"unavailable\"}");
        DeezerFetcher deezer = new DeezerFetcher(Settings.of(fake.baseUrl(), null, 50));

        assertInstanceOf(SourceException.class, failure(deezer, "global"));
        assertInstanceOf(SourceException.class, failure(deezer, "global"));
        assertTrue(deezer.circuitOpen());
        assertInstanceOf(CircuitBreakerOpenException.class, failure(deezer, "global"));
        fake.client().verifyThat(2, getRequestedFor(urlPathEqualTo("/chart/0/tracks")));

        fake.reset();
        serve("/chart/0/tracks", null, 200, "{\"data\": [" + track(3, "Espresso", "Sabrina Carpenter", null) + "]}");
        Thread.sleep(700);
        assertEquals(1, fetch(deezer, "global", 100).charts().get(0).items().size());
        assertFalse(deezer.circuitOpen());
    }

    @Test
    void requestsBeyondTheRateLimitAreRefusedWithoutCountingAsFailures() {
        serve("/youtube/v3/videos", null, 200, videoPage("NEXT", video("a", "A - B", "C")));
        YouTubeFetcher youtube = new YouTubeFetcher(
                Settings.of(fake.baseUrl() + "/youtube/v3", "yt-key", 50).withRequestsPerMinute(2));

        assertInstanceOf(RateLimitException.class, failure(youtube, "us"));
        assertInstanceOf(RateLimitException.class, failure(youtube, "us"));
        assertFalse(youtube.circuitOpen(), "rate limits are ours, not the source's failures");
        fake.client().verifyThat(2, getRequestedFor(urlPathEqualTo("/youtube/v3/videos")));
    }
}
