package io.mashups.audio.render;

import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import java.util.Optional;

/**
 * Chooses tempo, key and alignment the way a DJ would. Tempo: the instrumental's (or the one asked for); the vocal
 * is stretched to it, counting half and double time, by at most {@value #MAX_STRETCH} either way; when that is not
 * enough both meet in the middle. Key: the instrumental's (or the one asked for, within three semitones); the vocal
 * is pitch-shifted by at most three semitones to a key next to it on the Camelot wheel (same, relative, or a fifth).
 * Arrangement: the instrumental from its first downbeat, an intro of {@value #INTRO_BARS} bars, then the vocal from
 * the downbeat of the bar where its singing starts.
 */
public final class MashupPlanner {
    static final double MAX_STRETCH = 0.15;
    static final int MAX_SEMITONES = 3;
    static final int INTRO_BARS = 4;

    /** A plan or the reason none fits. */
    public static final class Unmixable extends Exception {
        public Unmixable(String message) {
            super(message);
        }
    }

    private MashupPlanner() {
    }

    /**
     * @param vocalBarIndex index into the vocal's downbeats of the bar where singing starts
     */
    public static MashupPlan plan(MusicAnalysis vocal, int vocalBarIndex, MusicAnalysis instrumental, Double targetBpm,
                                  MusicalKey targetKey, double durationSec) throws Unmixable {
        double instrumentalBpm = instrumental.bpm();
        double vocalBpm = nearestMultiple(vocal.bpm(), targetBpm != null ? targetBpm : instrumentalBpm);
        double target;
        if (targetBpm != null) {
            target = targetBpm;
            instrumentalBpm = nearestMultiple(instrumentalBpm, target);
        } else if (Math.abs(instrumentalBpm / vocalBpm - 1) <= MAX_STRETCH) {
            target = instrumentalBpm;
        } else {
            target = Math.sqrt(instrumentalBpm * vocalBpm);
        }
        checkStretch("vocal", vocalBpm, target);
        checkStretch("instrumental", instrumentalBpm, target);

        int instrumentalShift = 0;
        if (targetKey != null) {
            instrumentalShift = shiftTo(instrumental.key(), targetKey)
                    .orElseThrow(() -> new Unmixable("the instrumental in " + instrumental.key().name() + " is more than "
                            + MAX_SEMITONES + " semitones from " + targetKey.name()));
        }
        MusicalKey key = instrumental.key().transpose(instrumentalShift);
        int vocalShift = vocalShift(vocal.key(), key);

        double instrumentalStart = instrumental.downbeats().length > 0 ? instrumental.downbeats()[0] : 0;
        double vocalStart = vocal.downbeats().length > vocalBarIndex ? vocal.downbeats()[vocalBarIndex] : 0;
        double barSec = 4 * 60 / target;
        double entry = INTRO_BARS * barSec;
        if (durationSec < entry + 2 * barSec) {
            throw new Unmixable("a mashup at " + Math.round(target) + " BPM needs at least " + Math.ceil(entry + 2 * barSec)
                    + " s for its intro and one phrase");
        }
        return new MashupPlan(target, key, target / vocalBpm, vocalShift, target / instrumentalBpm, instrumentalShift,
                instrumentalStart, vocalStart, entry, barSec, durationSec);
    }

    /** The tempo among bpm, half and double that is closest to the reference (half/double-time mixing). */
    static double nearestMultiple(double bpm, double reference) {
        double best = bpm;
        for (double candidate : new double[] {bpm / 2, bpm * 2}) {
            if (Math.abs(Math.log(candidate / reference)) < Math.abs(Math.log(best / reference))) {
                best = candidate;
            }
        }
        return best;
    }

    private static void checkStretch(String part, double bpm, double target) throws Unmixable {
        if (Math.abs(target / bpm - 1) > MAX_STRETCH + 1e-9) {
            throw new Unmixable(String.format("the %s at %.1f BPM would need a %.0f%% time-stretch to reach %.1f BPM; the limit is %.0f%%",
                    part, bpm, Math.abs(target / bpm - 1) * 100, target, MAX_STRETCH * 100));
        }
    }

    /** The smallest shift (-3..3) taking a key to the target tonic, comparing relative keys across modes. */
    private static Optional<Integer> shiftTo(MusicalKey from, MusicalKey to) {
        int fromMajor = from.minor() ? from.tonic() + 3 : from.tonic();
        int toMajor = to.minor() ? to.tonic() + 3 : to.tonic();
        int shift = Math.floorMod(toMajor - fromMajor + 6, 12) - 6;
        return Math.abs(shift) <= MAX_SEMITONES ? Optional.of(shift) : Optional.empty();
    }

    /** The smallest pitch shift that makes the vocal's key compatible with the mix key; the closest one otherwise. */
    static int vocalShift(MusicalKey vocal, MusicalKey mix) {
        int[] order = {0, 1, -1, 2, -2, 3, -3};
        for (int shift : order) {
            if (vocal.transpose(shift).equals(mix)) {
                return shift;
            }
        }
        for (int shift : order) {
            if (vocal.transpose(shift).harmonicallyCompatible(mix)) {
                return shift;
            }
        }
        return shiftTo(vocal, mix).orElse(0);
    }
}
