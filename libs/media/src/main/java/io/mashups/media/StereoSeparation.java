package io.mashups.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A four-stem separator in plain DSP over stereo PCM: one pass finds what repeats, the second streams the stems with a
 * bounded window of STFT frames in memory.
 * <ol>
 * <li>Harmonic/percussive separation by median filtering (Fitzgerald 2010): a bin whose magnitude persists across
 * time (median over 17 frames) is harmonic, one that spreads across frequency (median over 17 bins) is percussive;
 * soft (Wiener) masks split the spectrum. The percussive part is the drums.</li>
 * <li>The harmonic part below about 200 Hz is the bass.</li>
 * <li>The rest is split by repetition ({@link RepeatingBackground}): what of a bin the song repeats elsewhere is
 * "other", the rest is the voice, wherever it sits in the stereo image and in a mono file too. Where the song does not
 * repeat (a voice alone) or has nothing to compare (no bass or kick), by stereo position instead: a bin whose left and
 * right are
 * alike in level and phase comes from the centre, where mixes put the lead vocal; wide instruments fall to
 * "other".</li>
 * </ol>
 * Both channels go through one complex FFT (left real, right imaginary) and every stem's inverse the same way.
 */
public final class StereoSeparation {
    public static final int WINDOW = 2048;
    public static final int HOP = WINDOW / 4;
    private static final int TIME_MEDIAN = 17;
    /**
     * Below {@link #LOW_SPLIT_HZ} a kick drum's tail rings as long as a short bass note, so there the harmonic part is
     * the median over half a second and the percussive part is what a frame has beyond it (the transient).
     */
    private static final int LOW_TIME_MEDIAN = 41;

    private static final double LOW_SPLIT_HZ = 300;
    private static final int FREQUENCY_MEDIAN = 17;
    private static final double BASS_FULL_HZ = 150;
    private static final double BASS_NONE_HZ = 260;
    /** Synthesis normalisation: periodic Hann analysis and synthesis at a quarter-window hop sum to 1.5. */
    private static final double OVERLAP_GAIN = 1.5;

    /** The stems' numbers in {@link Outputs#write}, the order they are written in for each block. */
    public static final int DRUMS = 0;

    public static final int BASS = 1;
    public static final int VOCALS = 2;
    public static final int OTHER = 3;

    /** The stems' outputs, in the order drums, bass, vocals, other. */
    public interface Outputs {
        void write(int stem, float[][] stereo, int count) throws IOException;
    }

    private StereoSeparation() {}

    /** How the voice is told from the rest of the tonal part above the bass. */
    public enum VoiceCue {
        /**
         * What the song does not repeat is the voice (the stereo position only where nothing repeats): the better
         * stems, but each frame depends on the whole song.
         */
        REPETITION,
        /**
         * What sits in the centre is the voice: each frame decided from itself and its neighbours alone, so an excerpt
         * separates as the same part of the whole song does, which fingerprints rely on.
         */
        STEREO_POSITION
    }

    /** Separates interleaved stereo f32le PCM into four stereo streams of the same length. */
    public static void separate(Path stereoPcm, int sampleRate, VoiceCue cue, Outputs outputs) throws IOException {
        int bins = WINDOW / 2 + 1;
        Fft fft = new Fft(WINDOW);
        double[] hann = Fft.hann(WINDOW);
        float[][] ring = new float[2][WINDOW];
        // the last LOW_TIME_MEDIAN frames' spectra (both channels); the magnitude of their sum for one frame more, so
        // the frame leaving a bin's time window is still at hand when it leaves
        double[][][] spectra = new double[LOW_TIME_MEDIAN][4][bins];
        double[][] magnitude = new double[LOW_TIME_MEDIAN + 1][bins];
        SortedWindows timeWindows = new SortedWindows(bins, LOW_TIME_MEDIAN);
        SortedWindows frequencyWindow = new SortedWindows(1, FREQUENCY_MEDIAN);
        int lowBins = (int) Math.ceil(LOW_SPLIT_HZ * WINDOW / sampleRate);
        double[][][] accumulators = new double[4][2][WINDOW];
        float[][] block = new float[2][HOP];
        double[] re = new double[WINDOW];
        double[] im = new double[WINDOW];
        double[] harmonic = new double[bins];
        double[] percussive = new double[bins];
        double[][] stemRe = new double[4][WINDOW];
        double[][] stemIm = new double[4][WINDOW];
        double[] bassWeight = new double[bins];
        for (int k = 0; k < bins; k++) {
            double hz = (double) k * sampleRate / WINDOW;
            bassWeight[k] = Math.max(0, Math.min(1, (BASS_NONE_HZ - hz) / (BASS_NONE_HZ - BASS_FULL_HZ)));
        }
        long total = 0;
        long written = 0;
        int frames = 0;
        double[] model = new double[bins];
        double[] repeating = new double[bins];
        try (RepeatingBackground background =
                        cue == VoiceCue.REPETITION ? RepeatingBackground.measure(stereoPcm, sampleRate) : null;
                PcmReader reader = new PcmReader(stereoPcm, 2)) {
            int got = reader.read(ring, WINDOW / 2, WINDOW - WINDOW / 2);
            total += got;
            boolean ended = got < WINDOW - WINDOW / 2;
            int delay = LOW_TIME_MEDIAN / 2;
            // frames run past the input so the last samples are fully overlapped, and the median delay is drained
            while ((long) (frames - delay) * HOP - WINDOW / 2 < total) {
                int slot = frames % LOW_TIME_MEDIAN;
                double[] frameMagnitude = magnitude[frames % (LOW_TIME_MEDIAN + 1)];
                for (int i = 0; i < WINDOW; i++) {
                    re[i] = ring[0][i] * hann[i];
                    im[i] = ring[1][i] * hann[i];
                }
                fft.transform(re, im, false);
                for (int k = 0; k < bins; k++) {
                    int mirror = (WINDOW - k) % WINDOW;
                    // unpack the two real signals' spectra from the one complex transform
                    double lRe = (re[k] + re[mirror]) / 2;
                    double lIm = (im[k] - im[mirror]) / 2;
                    double rRe = (im[k] + im[mirror]) / 2;
                    double rIm = (re[mirror] - re[k]) / 2;
                    spectra[slot][0][k] = lRe;
                    spectra[slot][1][k] = lIm;
                    spectra[slot][2][k] = rRe;
                    spectra[slot][3][k] = rIm;
                    double m = Math.sqrt((lRe + rRe) * (lRe + rRe) + (lIm + rIm) * (lIm + rIm));
                    frameMagnitude[k] = m == m ? m : 0; // NaN input would break the sorted windows' order
                }
                int centre = frames - delay;
                if (centre >= 0) {
                    int centreSlot = centre % LOW_TIME_MEDIAN;
                    double[] centreMagnitude = magnitude[centre % (LOW_TIME_MEDIAN + 1)];
                    medianAcrossFrequency(centreMagnitude, frequencyWindow, percussive);
                    for (int k = 0; k < bins; k++) {
                        int half = (k < lowBins ? LOW_TIME_MEDIAN : TIME_MEDIAN) / 2;
                        // bin k's window moves from [centre - half - 1, centre + half - 1] to [centre - half, centre +
                        // half]
                        for (int f = centre == 0 ? 0 : centre + half; f <= centre + half; f++) {
                            timeWindows.add(k, magnitude[f % (LOW_TIME_MEDIAN + 1)][k]);
                        }
                        if (centre - half - 1 >= 0) {
                            timeWindows.remove(k, magnitude[(centre - half - 1) % (LOW_TIME_MEDIAN + 1)][k]);
                        }
                        harmonic[k] = timeWindows.median(k);
                        if (k < lowBins) {
                            percussive[k] = Math.max(0, centreMagnitude[k] - harmonic[k]);
                        }
                    }
                    boolean repeats = background != null && background.model(centre, model);
                    for (int k = 0; k < bins; k++) {
                        double m = centreMagnitude[k];
                        repeating[k] = !repeats ? -1 : m == 0 ? 0 : Math.min(model[k], m) / m;
                    }
                    splitFrame(spectra[centreSlot], harmonic, percussive, bassWeight, repeating, stemRe, stemIm);
                    for (int stem = 0; stem < 4; stem++) {
                        fft.transform(stemRe[stem], stemIm[stem], true);
                        for (int i = 0; i < WINDOW; i++) {
                            double w = hann[i] / (WINDOW * OVERLAP_GAIN);
                            accumulators[stem][0][i] += stemRe[stem][i] * w;
                            accumulators[stem][1][i] += stemIm[stem][i] * w;
                        }
                    }
                    // samples [centre*HOP - WINDOW/2, +HOP) receive no more frames
                    long first = (long) centre * HOP - WINDOW / 2;
                    int skip = (int) Math.max(0, -first);
                    int count = (int) Math.max(0, Math.min(HOP - skip, total - Math.max(first, 0)));
                    for (int stem = 0; stem < 4; stem++) {
                        for (int c = 0; c < 2; c++) {
                            for (int i = 0; i < count; i++) {
                                block[c][i] = (float) accumulators[stem][c][skip + i];
                            }
                            System.arraycopy(accumulators[stem][c], HOP, accumulators[stem][c], 0, WINDOW - HOP);
                            Arrays.fill(accumulators[stem][c], WINDOW - HOP, WINDOW, 0);
                        }
                        if (count > 0) {
                            outputs.write(stem, block, count);
                        }
                    }
                    written += count;
                }
                frames++;
                int read = advance(reader, ring, ended);
                ended |= read < HOP;
                total += read;
            }
        }
        if (written != total) {
            throw new IllegalStateException("separation wrote " + written + " of " + total + " samples");
        }
    }

    /**
     * Moves the analysis window on by a hop, its end filled from the reader (zeros past the input's end, or once it
     * has {@code ended}); returns how many samples were read.
     */
    static int advance(PcmReader reader, float[][] ring, boolean ended) throws IOException {
        for (int c = 0; c < 2; c++) {
            System.arraycopy(ring[c], HOP, ring[c], 0, WINDOW - HOP);
        }
        int read = ended ? 0 : reader.read(ring, WINDOW - HOP, HOP);
        for (int c = 0; c < 2; c++) {
            Arrays.fill(ring[c], WINDOW - HOP + read, WINDOW, 0f);
        }
        return read;
    }

    /** Masks one frame into the four stems' packed spectra (left real, right imaginary). */
    private static void splitFrame(
            double[][] frame,
            double[] harmonic,
            double[] percussive,
            double[] bassWeight,
            double[] repeating,
            double[][] stemRe,
            double[][] stemIm) {
        int bins = harmonic.length;
        for (int stem = 0; stem < 4; stem++) {
            Arrays.fill(stemRe[stem], 0);
            Arrays.fill(stemIm[stem], 0);
        }
        for (int k = 0; k < bins; k++) {
            double h2 = harmonic[k] * harmonic[k];
            double p2 = percussive[k] * percussive[k];
            double drums = h2 + p2 == 0 ? 0 : p2 / (h2 + p2);
            double lRe = frame[0][k];
            double lIm = frame[1][k];
            double rRe = frame[2][k];
            double rIm = frame[3][k];
            double crossRe = lRe * rRe + lIm * rIm;
            double crossIm = lIm * rRe - lRe * rIm;
            // not Math.hypot: its overflow care costs more than the whole rest of the loop
            double cross = Math.sqrt(crossRe * crossRe + crossIm * crossIm);
            double power = lRe * lRe + lIm * lIm + rRe * rRe + rIm * rIm;
            double similarity = power == 0 ? 0 : 2 * cross / power;
            // alike in level (the ratio above) and in phase (the real part of the normalised cross spectrum)
            double inPhase = cross == 0 ? 0 : Math.max(0, crossRe / cross);
            double alike = similarity * inPhase;
            // its sixth power: the sharpness of the centre mask, how alike left and right must be to count as centre
            double centre = alike * alike * alike;
            centre *= centre;
            double tonal = 1 - drums;
            double bass = tonal * bassWeight[k];
            double upper = tonal - bass;
            // what does not repeat is the voice; where nothing is like this frame, what sits in the centre
            double voice = repeating[k] < 0 ? centre : 1 - repeating[k];
            double[] gains = {drums, bass, upper * voice, upper * (1 - voice)};
            for (int stem = 0; stem < 4; stem++) {
                put(
                        stemRe[stem],
                        stemIm[stem],
                        k,
                        gains[stem] * lRe,
                        gains[stem] * lIm,
                        gains[stem] * rRe,
                        gains[stem] * rIm);
            }
        }
    }

    /** Packs left and right spectra at bin k (and its mirror) so one inverse FFT yields left in re, right in im. */
    private static void put(double[] re, double[] im, int k, double lRe, double lIm, double rRe, double rIm) {
        // Z = L + iR at k; at the mirror, conj(L) + i conj(R)
        re[k] = lRe - rIm;
        im[k] = lIm + rRe;
        int mirror = (re.length - k) % re.length;
        if (mirror != k) {
            re[mirror] = lRe + rIm;
            im[mirror] = -lIm + rRe;
        }
    }

    private static void medianAcrossFrequency(double[] magnitudes, SortedWindows window, double[] out) {
        int half = FREQUENCY_MEDIAN / 2;
        window.clear(0);
        for (int k = 0; k < half && k < magnitudes.length; k++) {
            window.add(0, magnitudes[k]);
        }
        for (int k = 0; k < magnitudes.length; k++) {
            if (k + half < magnitudes.length) {
                window.add(0, magnitudes[k + half]);
            }
            if (k - half - 1 >= 0) {
                window.remove(0, magnitudes[k - half - 1]);
            }
            out[k] = window.median(0);
        }
    }

    /**
     * Sliding medians: each window's values kept sorted, a value entering or leaving costs a binary search and a short
     * move, where selecting the median anew for every position cost most of the separation.
     */
    static final class SortedWindows {
        private final double[][] sorted;
        private final int[] size;

        SortedWindows(int windows, int capacity) {
            sorted = new double[windows][capacity + 1];
            size = new int[windows];
        }

        void add(int window, double value) {
            double[] values = sorted[window];
            int n = size[window];
            int at = Arrays.binarySearch(values, 0, n, value);
            if (at < 0) {
                at = -at - 1;
            }
            System.arraycopy(values, at, values, at + 1, n - at);
            values[at] = value;
            size[window] = n + 1;
        }

        /** Removes one occurrence of a value added before. */
        void remove(int window, double value) {
            double[] values = sorted[window];
            int n = size[window];
            int at = Arrays.binarySearch(values, 0, n, value);
            System.arraycopy(values, at + 1, values, at, n - at - 1);
            size[window] = n - 1;
        }

        /** The value of rank n/2 among the window's n values (the upper median when n is even). */
        double median(int window) {
            return sorted[window][size[window] / 2];
        }

        void clear(int window) {
            size[window] = 0;
        }
    }
}
