package io.mashups.trends.trend;

import java.util.List;

/**
 * A song on a chart, or on the combined chart: the seed plan's fields, then what else the service knows. On the
 * combined chart {@code source}, {@code region} and {@code velocity} are those of the chart that gives the song most of
 * its score, and {@code charts} lists every chart it is on.
 *
 * @param velocity rank places gained per hour over the last day (negative: falling)
 * @param previousRank rank in the chart's previous fetch; null for a new entry
 * @param isNew not on the chart's previous fetch
 * @param score the combined trend score (README: the formula); on one chart, that chart's part of it
 */
public record Sound(
        String id,
        String title,
        String artist,
        String source,
        int rank,
        double velocity,
        String thumbnailUrl,
        String previewUrl,
        String region,
        Integer previousRank,
        boolean isNew,
        String externalUrl,
        double score,
        List<Placing> charts) {

    /** The song's place on one chart. */
    public record Placing(String source, String region, int rank, double velocity) {}
}
