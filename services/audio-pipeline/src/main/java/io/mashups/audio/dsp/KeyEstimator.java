package io.mashups.audio.dsp;

/**
 * Key by template matching: the song's pitch-class profile is correlated with a major and a minor key profile
 * rotated to all 12 tonics, and the best of the 24 wins. Confidence is how far the winner stands above the runner-up.
 */
public final class KeyEstimator {
    /** Krumhansl and Kessler's probe-tone ratings. */
    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};

    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    /**
     * Harmonics of a note land on other pitch classes (the 3rd on the fifth, the 5th on the major third), so the
     * symbolic profiles are turned into the chroma they would produce from real tones (Gomez 2006): each pitch
     * class adds its first six harmonics with weights falling by 0.6 per harmonic.
     */
    private static final int[] HARMONIC_INTERVALS = {0, 0, 7, 0, 4, 7};

    private static final double[] MAJOR_AUDIO = withHarmonics(MAJOR);
    private static final double[] MINOR_AUDIO = withHarmonics(MINOR);

    public record Estimate(MusicalKey key, double confidence) {}

    private KeyEstimator() {}

    public static Estimate estimate(MusicFeatures features) {
        double[] profile = new double[12];
        for (float[] frame : features.chroma()) {
            double total = 0;
            for (float value : frame) {
                total += value;
            }
            if (total <= 0) {
                continue;
            }
            // each frame votes with its shape, louder frames a little more
            double weight = Math.sqrt(total) / total;
            for (int pc = 0; pc < 12; pc++) {
                profile[pc] += frame[pc] * weight;
            }
        }
        double best = -2;
        double second = -2;
        MusicalKey bestKey = new MusicalKey(0, false);
        for (int tonic = 0; tonic < 12; tonic++) {
            for (boolean minor : new boolean[] {false, true}) {
                double score = correlation(profile, minor ? MINOR_AUDIO : MAJOR_AUDIO, tonic);
                if (score > best) {
                    second = best;
                    best = score;
                    bestKey = new MusicalKey(tonic, minor);
                } else if (score > second) {
                    second = score;
                }
            }
        }
        double confidence = Math.max(0, Math.min(1, (best - second) * 5 + Math.max(0, best) * 0.5));
        return new Estimate(bestKey, confidence);
    }

    private static double[] withHarmonics(double[] profile) {
        double[] audio = new double[12];
        for (int pc = 0; pc < 12; pc++) {
            double weight = 1;
            for (int interval : HARMONIC_INTERVALS) {
                audio[(pc + interval) % 12] += profile[pc] * weight;
                weight *= 0.6;
            }
        }
        return audio;
    }

    private static double correlation(double[] profile, double[] template, int tonic) {
        double meanP = 0;
        double meanT = 0;
        for (int i = 0; i < 12; i++) {
            meanP += profile[i] / 12;
            meanT += template[i] / 12;
        }
        double cov = 0;
        double varP = 0;
        double varT = 0;
        for (int pc = 0; pc < 12; pc++) {
            double p = profile[pc] - meanP;
            double t = template[Math.floorMod(pc - tonic, 12)] - meanT;
            cov += p * t;
            varP += p * p;
            varT += t * t;
        }
        return varP == 0 ? 0 : cov / Math.sqrt(varP * varT);
    }
}
