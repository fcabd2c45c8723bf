package io.mashups.events.trends;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.List;

/** A trend source was fetched; {@code items} in rank order. */
public record TrendsUpdatedV1(String source, Instant fetchedAt, List<Item> items) implements EventData {
    public record Item(int rank, String title, String artist, String externalId, double score) {}
}
