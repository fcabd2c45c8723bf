package io.mashups.attribution.fingerprint;

/**
 * Turns a match's score into a 0-100 confidence that the track is really there. Chance agreement grows with the
 * length of the matched passage, so beyond 30 s the score is taken per 30 s of it. The logistic is calibrated on the
 * accuracy test's catalogue (see the README): the best scores of 200 unknown 10 s excerpts reach 25-32, real sources
 * of 20 s mashups rarely fall below 33; confidence 50 sits at 33, and 80 (where claims apply) at 38.5.
 */
final class Confidence {
    private static final double MIDPOINT = 33;
    private static final double SLOPE = 4;
    private static final double LONGEST_CALIBRATED_SEC = 30;

    private Confidence() {}

    static int of(int score, double matchedSec) {
        double evidence = score * Math.min(1, LONGEST_CALIBRATED_SEC / matchedSec);
        return (int) Math.round(100 / (1 + Math.exp(-(evidence - MIDPOINT) / SLOPE)));
    }
}
