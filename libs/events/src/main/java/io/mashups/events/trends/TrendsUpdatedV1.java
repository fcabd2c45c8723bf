package io.mashups.events.trends;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.List;

/**
 * A sweep of the trend sources finished (subject: the sweep id): what each chart fetch gave, and the combined chart's
 * top songs after it.
 */
public record TrendsUpdatedV1(
        String sweepId, String trigger, Instant startedAt, Instant finishedAt, List<Fetch> fetches, List<Item> top)
        implements EventData {
    /** One fetch: {@code status} ok, failed, circuit-open, rate-limited, quota-exceeded or quota-exhausted. */
    public record Fetch(String fetcher, String region, String status, int items, int skipped, String error) {}

    public record Item(int rank, String songId, String title, String artist, double score) {}
}
