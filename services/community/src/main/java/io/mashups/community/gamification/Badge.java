package io.mashups.community.gamification;

import java.util.Arrays;
import java.util.Optional;

/** The badge catalogue: each earned once, by the rule its javadoc says. */
public enum Badge {
    /** A first mashup created. */
    FIRST_MASHUP("first_mashup", "First Mashup", "🎧"),
    /** A first studio project shared with someone. */
    FIRST_COLLABORATION("first_collaboration", "First Collaboration", "🤝"),
    /** One mashup reached {@link #VIRAL_PLAYS} counted plays. */
    VIRAL_HIT("viral_hit", "Viral Hit", "🔥"),
    BATTLE_WINNER("battle_winner", "Battle Winner", "🏆"),
    CHALLENGE_WINNER("challenge_winner", "Challenge Winner", "🥇"),
    STREAK_7("streak_7", "7-Day Streak", "📅"),
    STREAK_30("streak_30", "30-Day Streak", "🗓️"),
    LEVEL_5("level_5", "Level 5", "⭐"),
    LEVEL_10("level_10", "Level 10", "🌟"),
    LEVEL_25("level_25", "Level 25", "💫"),
    LEVEL_50("level_50", "Level 50", "👑");

    public static final long VIRAL_PLAYS = 1_000;

    private final String id;
    private final String title;
    private final String icon;

    Badge(String id, String title, String icon) {
        this.id = id;
        this.title = title;
        this.icon = icon;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String icon() {
        return icon;
    }

    public static Optional<Badge> byId(String id) {
        return Arrays.stream(values()).filter(badge -> badge.id.equals(id)).findFirst();
    }

    /** The level badges a user at {@code level} holds. */
    public static java.util.List<Badge> forLevel(int level) {
        return Arrays.stream(values())
                .filter(badge -> badge.id.startsWith("level_")
                        && Integer.parseInt(badge.id.substring("level_".length())) <= level)
                .toList();
    }

    /** The streak badges a longest streak of {@code days} holds. */
    public static java.util.List<Badge> forStreak(int days) {
        return Arrays.stream(values())
                .filter(badge -> badge.id.startsWith("streak_")
                        && Integer.parseInt(badge.id.substring("streak_".length())) <= days)
                .toList();
    }
}
