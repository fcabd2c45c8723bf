package io.mashups.trends.source;

import io.mashups.trends.TrendsConfig;
import io.smallrye.mutiny.Uni;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where charts come from: a provider's API, a licensed feed, or the platform itself. Each is a bean; the sweep fetches
 * each of its regions on the fetcher's own schedule, within its quota, through its own circuit breaker.
 */
public interface TrendFetcher {
    /** The fetcher's name: its settings ({@code mashups.trends.<name>}), its schedule rows. */
    String name();

    /** The sources its charts are listed under (a licensed feed: the sources it was bought for). */
    List<String> sources();

    TrendsConfig.Source settings();

    /** Why it cannot run here (no key, no feed, disabled), or empty when it can. */
    Optional<String> unusable();

    /** The circuit breaker refuses calls now. */
    default boolean circuitOpen() {
        return false;
    }

    /** The clock its provider's daily quota resets by (YouTube: midnight Pacific time). */
    default ZoneId quotaZone() {
        return ZoneId.of("UTC");
    }

    /**
     * One region's charts, making at most {@code requestsAllowed} requests (what is left of the day's quota). Fails
     * with {@link SourceException}, {@link QuotaExceededException}, or the guard's refusals (circuit open, rate limit).
     */
    Uni<Fetched> fetch(String region, int requestsAllowed);
}
