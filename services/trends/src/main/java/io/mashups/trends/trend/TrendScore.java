package io.mashups.trends.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The combined trend score of a song: over every chart it is on (the latest fetch of each source and region),
 *
 * <pre>
 * score = Σ weight(source) · 2^(−age / halfLife) · ( (N + 1 − rank) / N  +  momentum · max(0, velocity) · 24 / N )
 * </pre>
 *
 * where N is the chart's size, age the time since that fetch and velocity the places gained per hour over the last
 * day. The first term is 1 for a number one and 1/N for the last place; the second is the share of the chart climbed
 * in a day. A chart whose source stopped answering fades by half every half-life.
 */
public final class TrendScore {
    /** A song's place on one chart. */
    public record Standing(String source, String region, int rank, int size, double velocity, Instant fetchedAt) {}

    private TrendScore() {}

    public static double of(
            List<Standing> standings, Map<String, Double> weights, Instant now, Duration halfLife, double momentum) {
        double score = 0;
        for (Standing standing : standings) {
            score += contribution(standing, weights.getOrDefault(standing.source(), 1.0), now, halfLife, momentum);
        }
        return score;
    }

    public static double contribution(
            Standing standing, double weight, Instant now, Duration halfLife, double momentum) {
        double age = Math.max(0, Duration.between(standing.fetchedAt(), now).toMillis());
        double decay = Math.pow(2, -age / halfLife.toMillis());
        double size = standing.size();
        double place = (size + 1 - standing.rank()) / size;
        double climb = momentum * Math.max(0, standing.velocity()) * 24 / size;
        return weight * decay * (place + climb);
    }
}
