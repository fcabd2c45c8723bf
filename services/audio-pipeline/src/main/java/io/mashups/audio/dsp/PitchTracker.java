package io.mashups.audio.dsp;

/**
 * Fundamental frequency of a monophonic voice, frame by frame, with YIN (de Cheveigné and Kawahara, 2002): the
 * cumulative mean normalised difference function, its first dip under the threshold, refined by parabolic
 * interpolation. Frames without such a dip, or too quiet, are unvoiced (0 Hz).
 */
public final class PitchTracker {
    private static final double THRESHOLD = 0.15;
    private static final double ROUGH_THRESHOLD = 0.35;
    private static final double SILENCE_RMS = 1e-3;

    private final int sampleRate;
    private final int window;
    private final int minLag;
    private final int maxLag;

    /** Tracks pitches between {@code minHz} and {@code maxHz}, with a window of two periods of the lowest. */
    public PitchTracker(int sampleRate, double minHz, double maxHz) {
        this.sampleRate = sampleRate;
        this.minLag = Math.max(2, (int) Math.floor(sampleRate / maxHz));
        this.maxLag = (int) Math.ceil(sampleRate / minHz);
        this.window = 2 * maxLag;
    }

    /** The pitch in Hz of each frame of {@code hop} samples (0 where unvoiced). */
    public double[] track(float[] samples, int hop) {
        int frames = Math.max(0, (samples.length - window - maxLag) / hop + 1);
        double[] pitches = new double[frames];
        double[] difference = new double[maxLag + 1];
        for (int f = 0; f < frames; f++) {
            pitches[f] = frame(samples, f * hop, difference);
        }
        return pitches;
    }

    /** The median pitch of the voiced frames, 0 when none is. */
    public double medianHz(float[] samples) {
        double[] voiced = java.util.Arrays.stream(track(samples, sampleRate / 100))
                .filter(hz -> hz > 0)
                .sorted()
                .toArray();
        return voiced.length == 0 ? 0 : voiced[voiced.length / 2];
    }

    /** Samples each frame looks at: its pitch belongs to the middle of them. */
    public int window() {
        return window;
    }

    private double frame(float[] x, int start, double[] d) {
        double energy = 0;
        for (int i = start; i < start + window; i++) {
            energy += x[i] * (double) x[i];
        }
        if (Math.sqrt(energy / window) < SILENCE_RMS) {
            return 0;
        }
        for (int lag = 1; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                double delta = x[i] - x[i + lag];
                sum += delta * delta;
            }
            d[lag] = sum;
        }
        double running = 0;
        d[0] = 1;
        for (int lag = 1; lag <= maxLag; lag++) {
            running += d[lag];
            d[lag] = running == 0 ? 1 : d[lag] * lag / running;
        }
        int best = minLag;
        for (int lag = minLag; lag < maxLag; lag++) {
            if (d[lag] < THRESHOLD) {
                while (lag + 1 < maxLag && d[lag + 1] < d[lag]) {
                    lag++;
                }
                return refined(d, lag);
            }
            best = d[lag] < d[best] ? lag : best;
        }
        // no dip under the threshold: the deepest one, if it is still clearly periodic (a breathy or rough voice)
        return d[best] < ROUGH_THRESHOLD ? refined(d, best) : 0;
    }

    private double refined(double[] d, int lag) {
        double a = d[lag - 1];
        double b = d[lag];
        double c = d[lag + 1];
        double denominator = a - 2 * b + c;
        double shift = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return sampleRate / (lag + shift);
    }
}
