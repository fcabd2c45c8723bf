package io.mashups.analyticsingest.dashboard;

import java.util.List;

/**
 * A creator's dashboard over a window of days (the seed plan's shape, {@code window} beside it): plays and likes in
 * the window, followers standing now.
 */
public record Dashboard(
        long totalPlays,
        long totalLikes,
        long followers,
        List<TopMashup> topMashups,
        List<DayPlays> playsOverTime,
        List<SourceCount> sources,
        Demographics demographics,
        Window window) {

    /** One of the creator's five most played mashups in the window. */
    public record TopMashup(String id, String title, long plays, long likes, double playTime) {}

    public record DayPlays(String date, long plays) {}

    public record SourceCount(String source, long count) {}

    /**
     * Who listens: {@code location} by the country the ingress reported for each play; {@code age} only from ages
     * users declared, which the platform does not ask for, so it is empty rather than guessed.
     */
    public record Demographics(List<AgeCount> age, List<LocationCount> location) {}

    public record AgeCount(String range, long count) {}

    public record LocationCount(String country, long count) {}
}
