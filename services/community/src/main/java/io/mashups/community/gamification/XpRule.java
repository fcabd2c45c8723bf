package io.mashups.community.gamification;

/**
 * The seed plan's XP rules. Each award is a row of the XP log keyed by (its source, its rule), so applying a source
 * twice awards once.
 */
public enum XpRule {
    MASHUP_CREATED("mashup_created", 100),
    LIKE_RECEIVED("like_received", 10),
    /** Per play of one's mashups, at most {@link #DAILY_PLAY_CAP} XP a local day. */
    MASHUP_PLAYED("mashup_played", 1),
    COMMENT_RECEIVED("comment_received", 5),
    FOLLOWER_GAINED("follower_gained", 20),
    CHALLENGE_WON("challenge_won", 500),
    BATTLE_WON("battle_won", 1000),
    /** Each 7 consecutive local days with a creative action (the 7th, 14th, ... day of a streak). */
    STREAK_7_DAYS("streak_7_days", 200),
    /** Each 30 consecutive local days with a creative action. */
    STREAK_30_DAYS("streak_30_days", 1000);

    public static final int DAILY_PLAY_CAP = 100;

    private final String reason;
    private final int xp;

    XpRule(String reason, int xp) {
        this.reason = reason;
        this.xp = xp;
    }

    /** The name stored in the XP log and published with {@code community.xp-awarded}. */
    public String reason() {
        return reason;
    }

    public int xp() {
        return xp;
    }

    /** Play XP for {@code plays} more plays on a local day that has already earned {@code earnedToday}. */
    public static int playXp(long plays, int earnedToday) {
        return (int) Math.max(0, Math.min(plays * MASHUP_PLAYED.xp, DAILY_PLAY_CAP - earnedToday));
    }
}
