package io.mashups.analyticsingest.rollup;

/**
 * How listening is judged.
 *
 * @param countedAfterMs listening that makes a session a play (30 s)
 * @param dailyPlaysPerListener the most plays one listener adds to one mashup's day
 */
public record ListeningRules(long countedAfterMs, int dailyPlaysPerListener) {
    /** Players report positions late and play at up to 1.1x: a step this long still is playing, not a seek. */
    long longestStep(long elapsedMs) {
        return elapsedMs + elapsedMs / 10 + 1000;
    }

    /** A track shorter than the threshold counts once 90% of it was heard. */
    long countedAfter(Long lengthMs) {
        return lengthMs == null ? countedAfterMs : Math.min(countedAfterMs, lengthMs * 9 / 10);
    }
}
