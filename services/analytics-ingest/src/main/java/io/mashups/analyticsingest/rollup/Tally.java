package io.mashups.analyticsingest.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/**
 * Listening summed over sessions: one session's, a listener's day on a mashup, or a mashup's day. Sums of integers
 * only, so adding and taking away in any order gives the same figures. Immutable, like every aggregate.
 *
 * @param plays sessions counted as plays (a mashup's day: at most the daily cap per listener)
 * @param listeners listeners with at least one play (a mashup's day only)
 * @param lengthMs the summed track lengths of the sessions that knew theirs ({@code lengthSessions})
 * @param points sessions by how far they got by playing, in twentieths of the track: {@code points[k]} sessions
 *     stopped between k/20 and (k+1)/20, the last one those that reached the end
 * @param minutes per epoch minute, the sessions playing in it (listener-days only)
 * @param sources plays by where they came from
 * @param countries plays by the listener's country
 */
public record Tally(
        long sessions,
        long plays,
        long listeners,
        long listenedMs,
        long lengthMs,
        long lengthSessions,
        List<Long> points,
        Map<Long, Long> minutes,
        Map<String, Long> sources,
        Map<String, Long> countries) {
    /** Drop-off points: the start, every 5% of the track, its end. */
    public static final int POINTS = 21;

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, List.copyOf(zeros()), Map.of(), Map.of(), Map.of());

    static Tally session(
            boolean counted,
            long listenedMs,
            Long lengthMs,
            int point,
            long from,
            long to,
            String source,
            String country) {
        List<Long> points = zeros();
        if (point >= 0) {
            points.set(point, 1L);
        }
        Map<Long, Long> minutes = new HashMap<>();
        for (long minute = from / 60_000; minute <= to / 60_000; minute++) {
            minutes.put(minute, 1L);
        }
        Map<String, Long> sources = counted ? Map.of(source == null ? "direct" : source, 1L) : Map.of();
        Map<String, Long> countries = counted && country != null ? Map.of(country, 1L) : Map.of();
        return new Tally(
                1,
                counted ? 1 : 0,
                0,
                listenedMs,
                lengthMs == null ? 0 : lengthMs,
                lengthMs == null ? 0 : 1,
                List.copyOf(points),
                Map.copyOf(minutes),
                sources,
                countries);
    }

    public Tally plus(Tally other) {
        return combine(other, Long::sum);
    }

    public Tally minus(Tally other) {
        return combine(other, (a, b) -> a - b);
    }

    /**
     * What one listener's day adds to the mashup's day: at most {@code cap} plays and one listener if they played.
     * Minutes stay with the listener-days (the topology counts listeners per minute on its own).
     */
    public Tally asListener(int cap) {
        return new Tally(
                sessions,
                Math.min(plays, cap),
                plays > 0 ? 1 : 0,
                listenedMs,
                lengthMs,
                lengthSessions,
                points,
                Map.of(),
                sources,
                countries);
    }

    private Tally combine(Tally other, LongBinaryOperator op) {
        List<Long> summedPoints = new ArrayList<>(POINTS);
        for (int k = 0; k < POINTS; k++) {
            summedPoints.add(op.applyAsLong(points.get(k), other.points.get(k)));
        }
        return new Tally(
                op.applyAsLong(sessions, other.sessions),
                op.applyAsLong(plays, other.plays),
                op.applyAsLong(listeners, other.listeners),
                op.applyAsLong(listenedMs, other.listenedMs),
                op.applyAsLong(lengthMs, other.lengthMs),
                op.applyAsLong(lengthSessions, other.lengthSessions),
                List.copyOf(summedPoints),
                combine(minutes, other.minutes, op),
                combine(sources, other.sources, op),
                combine(countries, other.countries, op));
    }

    /** Entry by entry; an entry that comes to zero is dropped, so equal tallies are equal maps. */
    static <K> Map<K, Long> combine(Map<K, Long> a, Map<K, Long> b, LongBinaryOperator op) {
        Map<K, Long> result = new HashMap<>(a);
        b.forEach((key, value) -> {
            long combined = op.applyAsLong(result.getOrDefault(key, 0L), value);
            if (combined == 0) {
                result.remove(key);
            } else {
                result.put(key, combined);
            }
        });
        return Map.copyOf(result);
    }

    private static List<Long> zeros() {
        List<Long> zeros = new ArrayList<>(POINTS);
        for (int k = 0; k < POINTS; k++) {
            zeros.add(0L);
        }
        return zeros;
    }
}
