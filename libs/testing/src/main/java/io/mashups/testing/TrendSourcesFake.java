package io.mashups.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The trend providers' documented answers on a {@link ProviderFake}: YouTube's {@code videos.list} (under
 * {@code /youtube/v3}), Deezer's chart, Apple's most-played feed, a licensed CSV feed at {@code /feed.csv}. Used by
 * trends' tests and by the system tests' fleet.
 */
public final class TrendSourcesFake {
    private TrendSourcesFake() {}

    /** A new fake on a free loopback port, every source answering. */
    public static ProviderFake start() {
        ProviderFake fake = new ProviderFake();
        everySourceAnswers(fake);
        return fake;
    }

    /** Every source answering a small chart of its own. */
    public static void everySourceAnswers(ProviderFake fake) {
        fake.reset();
        youTube(fake, "US", 200, youTubePage("4NRXx6U8ABQ", "The Weeknd - Blinding Lights (Official Video)"));
        youTube(fake, "GB", 200, youTubePage("H5v3kku4y6Q", "Sabrina Carpenter - Espresso (Official Video)"));
        json(fake, "/chart/0/tracks", 200, """
                {"data": [{"id": 908604612, "title": "Blinding Lights", "title_short": "Blinding Lights",
                 "link": "https://www.deezer.com/track/908604612", "isrc": "USUG11904206",
                 "preview": "https://cdnt-preview.dzcdn.net/api/1/1/908604612.mp3", "position": 1,
                 "artist": {"id": 4050205, "name": "The Weeknd"},
                 "album": {"id": 1, "cover_medium": "https://e-cdns-images.dzcdn.net/images/cover/1/250x250.jpg"}}],
                 "total": 1}""");
        json(fake, "/api/v2/us/music/most-played/50/songs.json", 200, """
                {"feed": {"title": "Top Songs", "country": "us", "results": [
                 {"artistName": "Sabrina Carpenter", "id": "1738363766", "name": "Espresso", "kind": "songs",
                  "url": "https://music.apple.com/us/album/espresso/1738363756?i=1738363766"},
                 {"artistName": "The Weeknd", "id": "1499378615", "name": "Blinding Lights", "kind": "songs"}]}}""");
        feed(fake, """
                source,region,rank,title,artist,isrc,url,thumbnail_url,preview_url
                spotify,us,1,Blinding Lights,The Weeknd,USUG11904206,https://open.spotify.com/track/0VjIjW4GlUZAMYd2vXMi3b,,
                spotify,us,2,Espresso,Sabrina Carpenter,USUM72401994,,,
                """);
    }

    public static String youTubePage(String id, String title) {
        return """
                {"kind": "youtube#videoListResponse", "items": [{"kind": "youtube#video", "id": "%s",
                 "snippet": {"title": "%s", "channelTitle": "Channel",
                 "thumbnails": {"medium": {"url": "https://i.ytimg.com/vi/%1$s/mqdefault.jpg"}}}}],
                 "pageInfo": {"totalResults": 1, "resultsPerPage": 50}}""".formatted(id, title);
    }

    public static final String QUOTA_EXCEEDED = """
            {"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your quota.",
             "errors": [{"message": "The request cannot be completed because you have exceeded your quota.",
             "domain": "youtube.quota", "reason": "quotaExceeded"}]}}""";

    public static void youTube(ProviderFake fake, String region, int status, String body) {
        fake.client()
                .register(get(urlPathEqualTo("/youtube/v3/videos"))
                        .withQueryParam("regionCode", equalTo(region))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body)));
    }

    public static void json(ProviderFake fake, String path, int status, String body) {
        fake.client()
                .register(get(urlPathEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body)));
    }

    public static void feed(ProviderFake fake, String csv) {
        fake.client()
                .register(get(urlPathEqualTo("/feed.csv"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "text/csv")
                                .withBody(csv)));
    }

    /** Requests the fake received on a path (and region, for YouTube). */
    public static int requests(ProviderFake fake, String path, String region) {
        var pattern = getRequestedFor(urlPathEqualTo(path));
        if (region != null) {
            pattern = pattern.withQueryParam("regionCode", equalTo(region));
        }
        return fake.client().find(pattern).size();
    }
}
