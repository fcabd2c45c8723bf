package io.mashups.attribution.fingerprint;

import io.mashups.media.Fft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the spectral peaks of 8 kHz mono audio as it streams by: a 128 ms Hann STFT every 16 ms, its power averaged
 * over three frames (time-stretching smears single frames; the average keeps peaks where they were), local maxima of
 * log power over +-3 frames and about a semitone of bins, each kept when it stands 6 dB out of its frame's
 * surroundings and is among the {@link #PEAKS_PER_SECOND} most salient within half a second either side. Keeping
 * peaks by local salience (not by loudness over the whole spectrum) lets a quiet part keep its peaks beside a loud
 * one.
 */
public final class PeakFinder {
    public static final int SAMPLE_RATE = 8000;
    public static final int HOP = 128;
    public static final double FRAMES_PER_SECOND = (double) SAMPLE_RATE / HOP;
    public static final double REFERENCE_HZ = 100;
    static final int WINDOW = 1024;
    static final int MIN_BIN = 24; // 187 Hz
    static final int MAX_BIN = 486; // 3.8 kHz
    static final int PEAKS_PER_SECOND = 30;
    private static final int TIME_RADIUS = 3;
    private static final int SMOOTHING = 3;
    private static final int SURROUNDING_BINS = 16;
    private static final int DENSITY_RADIUS = (int) Math.round(FRAMES_PER_SECOND / 2);
    private static final float SILENCE_DB = -40;
    private static final float MIN_SALIENCE_DB = 6;
    private static final double[] HANN = Fft.hann(WINDOW);
    private static final int[] BIN_RADIUS = new int[MAX_BIN + 1];

    static {
        for (int k = 0; k <= MAX_BIN; k++) {
            BIN_RADIUS[k] = Math.max(2, (int) Math.round(k * 0.03));
        }
    }

    private final Fft fft = new Fft(WINDOW);
    private final double[] re = new double[WINDOW];
    private final double[] im = new double[WINDOW];
    private final float[] samples = new float[WINDOW];
    private int buffered;
    private final int firstBin = MIN_BIN - BIN_RADIUS[MIN_BIN] - SURROUNDING_BINS;
    private final int lastBin = Math.min(WINDOW / 2 - 1, MAX_BIN + BIN_RADIUS[MAX_BIN] + SURROUNDING_BINS);
    /** The last 2 * TIME_RADIUS + 1 frames of log power, a ring indexed by frame number. */
    private final float[][] power = new float[2 * TIME_RADIUS + 1][WINDOW / 2];

    private int frames;
    private final List<Peak> candidates = new ArrayList<>();
    /** Power of the last SMOOTHING frames, averaged before peaks are looked for. */
    private final double[][] recent = new double[SMOOTHING][WINDOW / 2];

    /** Feeds the next {@code count} samples. */
    public void accept(float[] chunk, int count) {
        int at = 0;
        while (at < count) {
            int take = Math.min(count - at, WINDOW - buffered);
            System.arraycopy(chunk, at, samples, buffered, take);
            buffered += take;
            at += take;
            if (buffered == WINDOW) {
                analyseFrame();
                System.arraycopy(samples, HOP, samples, 0, WINDOW - HOP);
                buffered = WINDOW - HOP;
            }
        }
    }

    /** The peaks of everything fed, in time order (then by pitch). */
    public List<Peak> finish() {
        // the last frames have no right-hand neighbours yet: feed silence until each has been judged
        float[] silence = new float[HOP];
        for (int i = 0; i < TIME_RADIUS && frames > 0; i++) {
            accept(silence, HOP);
        }
        return densest(candidates);
    }

    /** Analysis frames seen so far. */
    public int frames() {
        return frames;
    }

    private void analyseFrame() {
        for (int i = 0; i < WINDOW; i++) {
            re[i] = samples[i] * HANN[i];
        }
        fft.realForward(re, im);
        float[] row = power[frames % power.length];
        double[] energy = recent[frames % SMOOTHING];
        for (int k = firstBin; k <= lastBin; k++) {
            energy[k] = re[k] * re[k] + im[k] * im[k];
            double sum = 0;
            for (double[] frame : recent) {
                sum += frame[k];
            }
            row[k] = (float) (10 * Math.log10(sum / SMOOTHING + 1e-10));
        }
        frames++;
        if (frames > 2 * TIME_RADIUS) {
            judge(frames - 1 - TIME_RADIUS);
        }
    }

    /** Finds the local maxima of frame {@code t}, whose neighbours on both sides are in the ring. */
    private void judge(int t) {
        float[] row = power[t % power.length];
        float[] prefix = new float[lastBin + 2];
        for (int k = firstBin; k <= lastBin; k++) {
            prefix[k + 1] = prefix[k] + row[k];
        }
        for (int k = MIN_BIN; k <= MAX_BIN; k++) {
            float value = row[k];
            if (value < SILENCE_DB || value < row[k - 1] || value < row[k + 1]) {
                continue;
            }
            int from = k - SURROUNDING_BINS;
            int to = k + SURROUNDING_BINS;
            float surroundings = (prefix[to + 1] - prefix[from] - value) / (to - from);
            float salience = value - surroundings;
            if (salience < MIN_SALIENCE_DB || !isLocalMaximum(t, k, value)) {
                continue;
            }
            // parabolic interpolation of the peak's bin from its neighbours' log power
            double left = row[k - 1];
            double right = row[k + 1];
            double curvature = left - 2 * value + right;
            double delta = curvature < 0 ? 0.5 * (left - right) / curvature : 0;
            double hz = (k + delta) * SAMPLE_RATE / WINDOW;
            float pitch = (float) (12 * Math.log(hz / REFERENCE_HZ) / Math.log(2));
            candidates.add(new Peak(t, pitch, salience));
        }
    }

    private boolean isLocalMaximum(int t, int k, float value) {
        int radius = BIN_RADIUS[k];
        for (int dt = -TIME_RADIUS; dt <= TIME_RADIUS; dt++) {
            float[] row = power[(t + dt) % power.length];
            for (int j = k - radius; j <= k + radius; j++) {
                if (row[j] > value || (row[j] == value && (dt < 0 || (dt == 0 && j < k)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Keeps a candidate when fewer than PEAKS_PER_SECOND candidates within half a second either side are more salient. */
    private static List<Peak> densest(List<Peak> candidates) {
        List<Peak> kept = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Peak peak = candidates.get(i);
            while (candidates.get(start).frame() < peak.frame() - DENSITY_RADIUS) {
                start++;
            }
            int stronger = 0;
            for (int j = start;
                    j < candidates.size() && candidates.get(j).frame() <= peak.frame() + DENSITY_RADIUS;
                    j++) {
                if (candidates.get(j).salience() > peak.salience() && ++stronger >= PEAKS_PER_SECOND) {
                    break;
                }
            }
            if (stronger < PEAKS_PER_SECOND) {
                kept.add(peak);
            }
        }
        kept.sort(Comparator.comparingInt(Peak::frame).thenComparingDouble(Peak::pitch));
        return kept;
    }
}
