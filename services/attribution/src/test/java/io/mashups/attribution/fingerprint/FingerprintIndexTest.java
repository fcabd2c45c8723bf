package io.mashups.attribution.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintIndexTest {
    private static final int KEY = TripletHash.key(triplet(0, 40));

    /** A triplet under one key (same ratio, steps and span) at the given frame and anchor pitch. */
    private static Triplet triplet(int frame, float anchorPitch) {
        return new Triplet(frame, 20, anchorPitch, 0.5f, 2, 5);
    }

    /** A track of {@code count} triplets under {@link #KEY} at random anchor pitches, some repeated. */
    private static Fingerprint track(SplittableRandom random, int count) {
        List<Triplet> triplets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            triplets.add(triplet(i * 3, random.nextInt(2 * 64) / 2f + 10));
        }
        return Fingerprint.of(triplets, count * 3 + 20);
    }

    /** What firstAtPitch must answer: the postings under the key whose pitch code is below {@code pitchCode}. */
    private static int below(List<Fingerprint> tracks, int pitchCode) {
        int count = 0;
        for (Fingerprint fingerprint : tracks) {
            for (long code : fingerprint.codes()) {
                count += Fingerprint.pitchCode(code) < pitchCode ? 1 : 0;
            }
        }
        return count;
    }

    private static void assertRunsFound(FingerprintIndex index, List<Fingerprint> live) {
        index.lockForLookup();
        try {
            for (int pitchCode = -40; pitchCode <= (1 << Fingerprint.PITCH_BITS) + 40; pitchCode += 7) {
                int first = index.firstAtPitch(KEY, pitchCode);
                assertEquals(below(live, pitchCode), first, "first posting at pitch code " + pitchCode);
                int end = below(live, pitchCode + 100);
                int reach = 30;
                assertEquals(
                        Math.min(end, first + reach + 1),
                        index.firstAtPitchWithin(KEY, pitchCode + 100, first, reach),
                        "end of the run from pitch code " + pitchCode + " within " + reach);
            }
        } finally {
            index.lock().readLock().unlock();
        }
    }

    @Test
    void longListsAreSearchedThroughTheirDirectoryBeforeAndAfterARemoval() {
        SplittableRandom random = new SplittableRandom(7);
        FingerprintIndex index = new FingerprintIndex();
        List<Fingerprint> live = new ArrayList<>();
        for (int track = 0; track < 12; track++) {
            Fingerprint fingerprint = track(random, 40);
            index.add(track, fingerprint);
            live.add(fingerprint);
        }
        assertEquals(480, index.size(KEY));
        assertRunsFound(index, live);

        index.remove(3, live.get(3));
        index.remove(8, live.get(8));
        live.remove(8);
        live.remove(3);
        assertEquals(400, index.size(KEY));
        assertRunsFound(index, live);

        // below the directory's size the whole list is searched: the same answers
        for (int track = 0; track < 12; track++) {
            if (track != 3 && track != 8) {
                index.remove(track, live.remove(0));
            }
        }
        Fingerprint small = track(random, 30);
        index.add(99, small);
        live.add(small);
        assertRunsFound(index, live);
    }
}
