package io.mashups.trends.source;

import java.util.List;

/**
 * What one fetch gave (a licensed feed holds several charts), how many requests it made, and how many malformed items
 * it skipped (those of its charts, and any it could not place in a chart).
 */
public record Fetched(List<Chart> charts, int requests, int skipped) {
    public static Fetched one(Chart chart, int requests) {
        return new Fetched(List.of(chart), requests, chart.skipped());
    }
}
