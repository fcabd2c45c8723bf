package io.mashups.community.gamification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The seed plan's gamification profile, exactly; the streak also carries the weekly streak beside its fields. */
@Schema(name = "GamificationProfile", example = """
                {"level": 3, "xp": 450, "xpToNextLevel": 450, "badges": [{"id": "first_mashup", "name": "First Mashup",
                "icon": "🎧", "earnedAt": "2026-12-01T18:02:11Z"}], "streak": {"current": 4, "longest": 9,
                "weekly": {"current": 2, "longest": 5}}, "weeklyStats": {"mashups": 2, "plays": 130, "likes": 12}}""")
public record GamificationProfile(
        int level, long xp, long xpToNextLevel, List<BadgeView> badges, StreakView streak, WeeklyStats weeklyStats) {

    public record BadgeView(String id, String name, String icon, Instant earnedAt) {
        /** A stored badge (one the catalogue no longer has is not shown). */
        static Optional<BadgeView> of(Object[] row) {
            return Badge.byId((String) row[0])
                    .map(badge -> new BadgeView(
                            badge.id(), badge.title(), badge.icon(), ((OffsetDateTime) row[1]).toInstant()));
        }
    }

    /** Consecutive local days with a creative action: the current run (ending today or yesterday) and the longest. */
    public record StreakView(int current, int longest, WeeklyStreak weekly) {}

    /** Consecutive local weeks (Monday to Sunday) with a creative action. */
    public record WeeklyStreak(int current, int longest) {}

    /** This local week's mashups created, plays of one's mashups and likes of them (net of unlikes, never below 0). */
    public record WeeklyStats(long mashups, long plays, long likes) {
        static final WeeklyStats NONE = new WeeklyStats(0, 0, 0);

        static WeeklyStats of(Object[] row) {
            return new WeeklyStats(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    Math.max(0, ((Number) row[2]).longValue()));
        }
    }
}
