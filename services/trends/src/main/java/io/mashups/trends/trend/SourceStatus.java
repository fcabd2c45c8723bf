package io.mashups.trends.trend;

import java.time.Instant;

/**
 * How a source stands: {@code ok}; {@code pending} (not fetched yet); {@code skipped} (cannot be used here:
 * {@code error} says why, for example no key or, for Spotify and TikTok, no licensed feed); {@code failed},
 * {@code circuit-open}, {@code rate-limited}, {@code quota-exceeded} or {@code quota-exhausted} (its latest fetch).
 *
 * @param lastSweep when its charts were last fetched successfully
 */
public record SourceStatus(String name, String status, Instant lastSweep, String error) {}
