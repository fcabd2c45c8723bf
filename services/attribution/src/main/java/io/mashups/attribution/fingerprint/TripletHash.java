package io.mashups.attribution.fingerprint;

/**
 * Quantises a triplet into a 17-bit hash: where B falls between A and C (8 levels) and the pitch steps to B and C
 * (a semitone each, up to an octave), which neither stretch nor shift moves, and the span A..C (cells 12% wide),
 * which a stretch does. A reference triplet is indexed under its one key; a query triplet probes every key its
 * reference could have: all span cells a 13% stretch could have moved it from, and for the invariant values the
 * neighbouring cell when it lies near an edge. A's pitch, which a shift moves, is not hashed: each key's list is
 * sorted by it and the query reads the pitches within the shift ({@link FingerprintIndex#firstAtPitch}).
 */
final class TripletHash {
    static final int KEY_BITS = 17;
    static final int MAX_PROBES = 2 * 2 * 2 * 5;
    private static final int RATIO_LEVELS = 8;
    private static final int STEP_CELLS = 32;
    /** Step cells are centred on whole semitones (the steps between notes): offset 16 cells, plus half a cell. */
    private static final float STEP_OFFSET = 16.5f;

    private static final int SPAN_CELLS = 16;
    private static final double SPAN_BASE = Math.log(1.12);
    private static final float RATIO_EDGE = 0.35f;
    private static final float STEP_EDGE = 0.3f;
    /** Frames a peak may move by between two renditions of the same audio. */
    static final double FRAME_JITTER = 1;
    /** Semitones a peak's pitch may be off by, beyond the shift. */
    static final float PITCH_JITTER = 0.25f;

    private TripletHash() {}

    /** The one key a reference triplet is indexed under. */
    static int key(Triplet t) {
        return compose(
                ratioCell(t.ratio() * RATIO_LEVELS), stepCell(t.stepB()), stepCell(t.stepC()), spanCell(t.span()));
    }

    /** Writes every key the query triplet's reference may have been indexed under; returns how many. */
    static int probes(Triplet t, int[] keys) {
        int[] ratios = near(t.ratio() * RATIO_LEVELS, RATIO_EDGE, RATIO_LEVELS);
        int[] stepsB = near(t.stepB() + STEP_OFFSET, STEP_EDGE, STEP_CELLS);
        int[] stepsC = near(t.stepC() + STEP_OFFSET, STEP_EDGE, STEP_CELLS);
        int fromSpan = spanCell(t.span() / Matcher.MAX_TEMPO - FRAME_JITTER);
        int toSpan = spanCell(t.span() * Matcher.MAX_TEMPO + FRAME_JITTER);
        int count = 0;
        for (int ratio : ratios) {
            for (int stepB : stepsB) {
                for (int stepC : stepsC) {
                    for (int span = fromSpan; span <= toSpan; span++) {
                        keys[count++] = compose(ratio, stepB, stepC, span);
                    }
                }
            }
        }
        return count;
    }

    private static int compose(int ratio, int stepB, int stepC, int span) {
        return ((ratio * STEP_CELLS + stepB) * STEP_CELLS + stepC) * SPAN_CELLS + span;
    }

    /** The cell of {@code value}, and its neighbour when the value lies within {@code edge} of their border. */
    private static int[] near(float value, float edge, int cells) {
        int cell = clamp((int) Math.floor(value), cells);
        float fraction = value - (float) Math.floor(value);
        int other = fraction < edge ? cell - 1 : fraction > 1 - edge ? cell + 1 : -1;
        return other >= 0 && other < cells && other != cell ? new int[] {cell, other} : new int[] {cell};
    }

    private static int ratioCell(float value) {
        return clamp((int) Math.floor(value), RATIO_LEVELS);
    }

    private static int stepCell(float step) {
        return clamp((int) Math.floor(step + STEP_OFFSET), STEP_CELLS);
    }

    private static int spanCell(double span) {
        return clamp((int) Math.floor(Math.log(Math.max(1, span) / Triplets.MIN_SPAN) / SPAN_BASE), SPAN_CELLS);
    }

    private static int clamp(int cell, int cells) {
        return Math.max(0, Math.min(cells - 1, cell));
    }
}
