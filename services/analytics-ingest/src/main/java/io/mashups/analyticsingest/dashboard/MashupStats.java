package io.mashups.analyticsingest.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One mashup's listening over a window (the seed plan's shape; {@code sessions}, {@code uniqueListeners} and
 * {@code window} beside it).
 *
 * @param plays sessions counted as plays (30 s, or 90% of a shorter track; at most the daily cap per listener)
 * @param playTime seconds listened, all sessions
 * @param avgPlayDuration seconds listened per session
 * @param dropOffPoints at each 5% of the track ({@code timestamp} in seconds of the average track length), the
 *     percentage of sessions still listening
 * @param peakConcurrent the most listeners playing it in one minute
 * @param uniqueListeners listeners with a play, ever (not only in the window)
 */
@Schema(name = "AnalyticsMashupStats", example = """
                {"mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "plays": 940, "playTime": 41210.5,
                "avgPlayDuration": 38.2, "dropOffPoints": [{"timestamp": 0.0, "percentage": 100.0}, {"timestamp": 9.1,
                "percentage": 91.5}, {"timestamp": 182.0, "percentage": 31.0}], "peakConcurrent": 14, "sessions": 1079,
                "uniqueListeners": 611, "window": {"from": "2026-11-05", "to": "2026-12-04", "days": 30,
                "retentionDays": 90, "clamped": false}}""")
public record MashupStats(
        String mashupId,
        long plays,
        double playTime,
        double avgPlayDuration,
        List<DropOffPoint> dropOffPoints,
        long peakConcurrent,
        long sessions,
        long uniqueListeners,
        Window window) {

    public record DropOffPoint(double timestamp, double percentage) {}

    /** One day's listening of the mashup, as the rollups stored it. */
    public record Day(
            long plays, long sessions, long listenedMs, long lengthMs, long lengthSessions, List<Long> points) {}

    /** The figures over the days of a window; the peak is the busiest minute's listeners. */
    public static MashupStats of(String mashupId, List<Day> days, long peak, long uniqueListeners, Window window) {
        long plays = 0;
        long sessions = 0;
        long listenedMs = 0;
        long lengthMs = 0;
        long lengthSessions = 0;
        long[] reached = new long[POINTS];
        for (Day day : days) {
            plays += day.plays();
            sessions += day.sessions();
            listenedMs += day.listenedMs();
            lengthMs += day.lengthMs();
            lengthSessions += day.lengthSessions();
            for (int k = 0; k < Math.min(POINTS, day.points().size()); k++) {
                reached[k] += day.points().get(k);
            }
        }
        List<DropOffPoint> dropOff = new ArrayList<>(POINTS);
        if (lengthSessions > 0) {
            double averageLengthSec = lengthMs / 1000.0 / lengthSessions;
            long stillListening = lengthSessions;
            for (int k = 0; k < POINTS; k++) {
                dropOff.add(new DropOffPoint(
                        round(averageLengthSec * k / (POINTS - 1)), round(100.0 * stillListening / lengthSessions)));
                stillListening -= reached[k];
            }
        }
        return new MashupStats(
                mashupId,
                plays,
                round(listenedMs / 1000.0),
                sessions == 0 ? 0 : round(listenedMs / 1000.0 / sessions),
                List.copyOf(dropOff),
                peak,
                sessions,
                uniqueListeners,
                window);
    }

    /** Points of the drop-off curve: the start, each 5% of the track, the end. */
    static final int POINTS = 21;

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
