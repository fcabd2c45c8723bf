package io.mashups.attribution.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups peaks into triplets: each peak is an anchor, and every two of the next {@link #PARTNERS} peaks that follow
 * it 48-640 ms later within an octave of its pitch complete a triplet. Partners near in time and pitch tend to come
 * from the same instrument or voice, so a voice mixed over another song still forms triplets of its own.
 */
public final class Triplets {
    static final int MIN_GAP = 3;
    static final int MAX_GAP = 40;
    static final int MIN_INNER_GAP = 2;
    /** A..C spans at least this many frames: shorter spans make the ratio of B's place too coarse to survive jitter. */
    static final int MIN_SPAN = 10;

    static final float MAX_STEP = 12;
    static final float MIN_STEP = 0.5f;
    static final int PARTNERS = 5;

    private Triplets() {}

    public static List<Triplet> of(List<Peak> peaks) {
        List<Triplet> triplets = new ArrayList<>();
        Peak[] partners = new Peak[PARTNERS];
        for (int i = 0; i < peaks.size(); i++) {
            Peak anchor = peaks.get(i);
            int found = 0;
            for (int j = i + 1; j < peaks.size() && found < PARTNERS; j++) {
                Peak next = peaks.get(j);
                int gap = next.frame() - anchor.frame();
                if (gap > MAX_GAP) {
                    break;
                }
                if (gap >= MIN_GAP && Math.abs(next.pitch() - anchor.pitch()) <= MAX_STEP) {
                    partners[found++] = next;
                }
            }
            for (int b = 0; b < found; b++) {
                for (int c = b + 1; c < found; c++) {
                    Peak second = partners[b];
                    Peak third = partners[c];
                    int span = third.frame() - anchor.frame();
                    float stepB = second.pitch() - anchor.pitch();
                    float stepC = third.pitch() - anchor.pitch();
                    // three peaks at one pitch (a held or repeated note, a drum) say little about which song this is
                    if (third.frame() - second.frame() < MIN_INNER_GAP
                            || span < MIN_SPAN
                            || (Math.abs(stepB) < MIN_STEP && Math.abs(stepC) < MIN_STEP)) {
                        continue;
                    }
                    triplets.add(new Triplet(
                            anchor.frame(),
                            span,
                            anchor.pitch(),
                            (float) (second.frame() - anchor.frame()) / span,
                            stepB,
                            stepC));
                }
            }
        }
        return triplets;
    }
}
