package io.mashups.attribution.fingerprint;

/** Turns a match's score (agreeing query moments) into a 0-100 confidence; see the README for its calibration. */
final class Confidence {
    private Confidence() {
    }

    static int of(int score) {
        return (int) Math.round(100 * (1 - Math.exp(-Math.max(0, score - 6) / 8.0)));
    }
}
