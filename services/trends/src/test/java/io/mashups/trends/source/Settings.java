package io.mashups.trends.source;

import io.mashups.trends.TrendsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A source's settings as a test wants them: pointed at a fake, with a small breaker and rate limit to reach. */
record Settings(
        Optional<String> baseUrl,
        Optional<String> key,
        List<String> regions,
        int maxItems,
        int requestsPerMinute,
        int breakerFailures,
        int breakerWindow,
        Duration breakerDelay,
        Optional<String> url)
        implements TrendsConfig.Licensed {

    static Settings of(String baseUrl, String key, int maxItems) {
        return new Settings(
                Optional.ofNullable(baseUrl),
                Optional.ofNullable(key),
                List.of("us"),
                maxItems,
                100,
                2,
                2,
                Duration.ofMillis(500),
                Optional.empty());
    }

    Settings withRequestsPerMinute(int limit) {
        return new Settings(baseUrl, key, regions, maxItems, limit, breakerFailures, breakerWindow, breakerDelay, url);
    }

    static Settings feed(String url, String key) {
        return new Settings(
                Optional.empty(),
                Optional.ofNullable(key),
                List.of("feed"),
                50,
                100,
                2,
                2,
                Duration.ofMillis(500),
                Optional.ofNullable(url));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Duration every() {
        return Duration.ofHours(1);
    }

    @Override
    public double weight() {
        return 1;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public int dailyQuota() {
        return 0;
    }
}
