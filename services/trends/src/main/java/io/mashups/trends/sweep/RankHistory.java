package io.mashups.trends.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How a song moved on one chart. Its previous rank is its rank in the chart's previous fetch (none when it was not on
 * it: a new entry). Its velocity is the places it gained per hour since the chart's first fetch of the last day: from
 * its rank there, or from just below the bottom of that chart (its size + 1) when it was not on it; 0 when the chart
 * has no earlier fetch in the day.
 */
public final class RankHistory {
    public static final Duration VELOCITY_WINDOW = Duration.ofDays(1);

    /** An earlier fetch of the chart: when, how many entries, and each song's rank. */
    public record Snapshot(Instant fetchedAt, int size, Map<String, Integer> ranks) {}

    private RankHistory() {}

    public static Integer previousRank(Snapshot previous, String song) {
        return previous == null ? null : previous.ranks().get(song);
    }

    public static double velocity(Snapshot dayAgo, String song, int rank, Instant now) {
        if (dayAgo == null || !dayAgo.fetchedAt().isBefore(now)) {
            return 0;
        }
        int from = dayAgo.ranks().getOrDefault(song, dayAgo.size() + 1);
        double hours = Duration.between(dayAgo.fetchedAt(), now).toMillis() / 3_600_000.0;
        return (from - rank) / hours;
    }
}
