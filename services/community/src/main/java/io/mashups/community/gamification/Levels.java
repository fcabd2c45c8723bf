package io.mashups.community.gamification;

/** The seed plan's levels: level = floor(sqrt(xp / 100)) + 1, so level L starts at 100 (L - 1)^2 XP. */
public final class Levels {
    private Levels() {}

    public static int level(long xp) {
        if (xp < 0) {
            throw new IllegalArgumentException("XP is never negative: " + xp);
        }
        long below = (long) Math.sqrt(xp / 100.0);
        // the double's square root may be one off for large totals: settle on the exact integer
        while (threshold(below + 2) <= xp) {
            below++;
        }
        while (below > 0 && threshold(below + 1) > xp) {
            below--;
        }
        return Math.toIntExact(below + 1);
    }

    /** The XP at which a level starts. */
    public static long threshold(long level) {
        return 100 * (level - 1) * (level - 1);
    }

    /** XP still needed to reach the next level. */
    public static long toNextLevel(long xp) {
        return threshold(level(xp) + 1L) - xp;
    }
}
