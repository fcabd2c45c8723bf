package io.mashups.trends.sweep;

/**
 * What fetching one region of one fetcher came to: {@code status} ok, failed, circuit-open, rate-limited,
 * quota-exceeded (the provider refused for quota now) or quota-exhausted (not tried: the day's quota is spent).
 */
public record FetchOutcome(String fetcher, String region, String status, int items, int skipped, String error) {
    public static final String OK = "ok";
}
