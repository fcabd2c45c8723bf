package io.mashups.trends;

import io.mashups.testing.ProviderFake;
import io.mashups.testing.TrendSourcesFake;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One fake for every trend provider, and the service pointed at it: YouTube (two regions, a quota of 5 units a day so
 * tests can spend it), Deezer (a circuit that opens after 2 failures of 2, for 1 s), Apple Music, a licensed CSV feed;
 * Last.fm without a key, so it is skipped and reported.
 */
public class SourcesFake implements QuarkusTestResourceLifecycleManager {
    private static ProviderFake fake;

    public static ProviderFake fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = new ProviderFake();
        String url = fake.baseUrl();
        return Map.ofEntries(
                Map.entry("mashups.trends.youtube.base-url", url + "/youtube/v3"),
                Map.entry("mashups.trends.youtube.key", "yt-key"),
                Map.entry("mashups.trends.youtube.regions", "US,GB"),
                Map.entry("mashups.trends.youtube.daily-quota", "5"),
                Map.entry("mashups.trends.deezer.base-url", url),
                Map.entry("mashups.trends.deezer.breaker-failures", "2"),
                Map.entry("mashups.trends.deezer.breaker-window", "2"),
                Map.entry("mashups.trends.deezer.breaker-delay", "1s"),
                Map.entry("mashups.trends.apple-music.base-url", url),
                Map.entry("mashups.trends.licensed.url", url + "/feed.csv"));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    /** Every source answering a small chart of its own (the fake's requests counted afresh). */
    public static void everySourceAnswers() {
        TrendSourcesFake.everySourceAnswers(fake);
    }

    public static void youTube(String region, int status, String body) {
        TrendSourcesFake.youTube(fake, region, status, body);
    }

    public static void json(String path, int status, String body) {
        TrendSourcesFake.json(fake, path, status, body);
    }

    public static void feed(String csv) {
        TrendSourcesFake.feed(fake, csv);
    }

    public static int requests(String path, String region) {
        return TrendSourcesFake.requests(fake, path, region);
    }
}
