package io.mashups.analyticsingest.dashboard;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A creator's dashboard over a window of days (the seed plan's shape, {@code window} beside it): plays and likes in
 * the window, followers standing now.
 */
@Schema(name = "AnalyticsDashboard", example = """
                {"totalPlays": 1290, "totalLikes": 212, "followers": 87, "topMashups": [
                {"id": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "title": "Summer Flip", "plays": 940, "likes": 160, "playTime": 41210.5}], "playsOverTime":
                [{"date": "2026-12-03", "plays": 410}, {"date": "2026-12-04", "plays": 880}], "sources": [{"source":
                "tiktok.com", "count": 700}, {"source": "direct", "count": 590}], "demographics": {"age": [], "location":
                [{"country": "US", "count": 610}, {"country": "DE", "count": 230}]}, "window": {"from": "2026-12-03",
                "to": "2026-12-04", "days": 2, "retentionDays": 90, "clamped": false}}""")
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
     * users declared, which the platform does not ask for, so it is always empty rather than guessed.
     */
    public record Demographics(List<Object> age, List<LocationCount> location) {}

    public record LocationCount(String country, long count) {}
}
