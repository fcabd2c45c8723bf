package io.mashups.media;

import java.util.Arrays;

/**
 * In-place iterative radix-2 complex FFT of one fixed size, and the spectrum of a real signal of that size through a
 * complex transform of half the size; one instance per thread (it keeps scratch tables).
 *
 * <p>The separators and fingerprinter spend a third of their time here: the first two stages run as one pass without
 * multiplications, every stage reads its twiddles in order from a table of its own, and a real signal (what the
 * spectrograms transform) costs half a complex transform.
 */
public final class Fft {
    private final int size;
    /** The index pairs that bit reversal swaps, for a transform of the full size and of half of it. */
    private final int[] swaps;

    private final int[] halfSwaps;
    /**
     * The twiddles of the stage whose butterflies span {@code half}, e^(-i pi k / half), at index {@code half + k}: a
     * stage's table does not depend on the transform's size, so the half-size transform uses the same one.
     */
    private final double[] twiddleRe;

    private final double[] twiddleIm;
    private final double[] packedRe;
    private final double[] packedIm;

    public Fft(int size) {
        if (Integer.bitCount(size) != 1 || size < 8) {
            throw new IllegalArgumentException("FFT size must be a power of two of at least 8: " + size);
        }
        this.size = size;
        swaps = bitReversalSwaps(size);
        halfSwaps = bitReversalSwaps(size / 2);
        twiddleRe = new double[size];
        twiddleIm = new double[size];
        for (int half = 1; half < size; half <<= 1) {
            for (int k = 0; k < half; k++) {
                twiddleRe[half + k] = Math.cos(Math.PI * k / half);
                twiddleIm[half + k] = -Math.sin(Math.PI * k / half);
            }
        }
        packedRe = new double[size / 2];
        packedIm = new double[size / 2];
    }

    private static int[] bitReversalSwaps(int size) {
        int bits = Integer.numberOfTrailingZeros(size);
        int[] pairs = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            int j = Integer.reverse(i) >>> (32 - bits);
            if (j > i) {
                pairs[count++] = i;
                pairs[count++] = j;
            }
        }
        return Arrays.copyOf(pairs, count);
    }

    public int size() {
        return size;
    }

    /** Forward transform (e^-i), or the inverse without the 1/N scaling. */
    public void transform(double[] re, double[] im, boolean inverse) {
        transform(re, im, size, swaps, inverse);
    }

    /**
     * The spectrum of the real signal in {@code re} (its first {@link #size()} values; {@code im} is not read): on
     * return {@code re} and {@code im} hold bins 0 to size/2, the others being their mirrors' conjugates and left as
     * they were. The even samples are packed as the real part and the odd ones as the imaginary part of a signal half
     * as long, whose transform gives both halves' spectra.
     */
    public void realForward(double[] re, double[] im) {
        int half = size / 2;
        for (int n = 0; n < half; n++) {
            packedRe[n] = re[2 * n];
            packedIm[n] = re[2 * n + 1];
        }
        transform(packedRe, packedIm, half, halfSwaps, false);
        for (int k = 0; k <= half; k++) {
            int a = k == half ? 0 : k;
            int b = k == 0 ? 0 : half - k;
            double ar = packedRe[a];
            double ai = packedIm[a];
            double br = packedRe[b];
            double bi = packedIm[b];
            // the even samples' spectrum (Z[k] + conj Z[-k]) / 2, the odd ones' (Z[k] - conj Z[-k]) / 2i
            double evenRe = 0.5 * (ar + br);
            double evenIm = 0.5 * (ai - bi);
            double oddRe = 0.5 * (ai + bi);
            double oddIm = -0.5 * (ar - br);
            double wr = k == half ? -1 : twiddleRe[half + k];
            double wi = k == half ? 0 : twiddleIm[half + k];
            re[k] = evenRe + wr * oddRe - wi * oddIm;
            im[k] = evenIm + wr * oddIm + wi * oddRe;
        }
    }

    private void transform(double[] re, double[] im, int n, int[] bitReversal, boolean inverse) {
        for (int s = 0; s < bitReversal.length; s += 2) {
            int i = bitReversal[s];
            int j = bitReversal[s + 1];
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
        // the first two stages in one pass: their twiddles are 1 and -i (+i for the inverse)
        double turn = inverse ? -1 : 1;
        for (int a = 0; a < n; a += 4) {
            double sumRe = re[a] + re[a + 1];
            double sumIm = im[a] + im[a + 1];
            double diffRe = re[a] - re[a + 1];
            double diffIm = im[a] - im[a + 1];
            double nextSumRe = re[a + 2] + re[a + 3];
            double nextSumIm = im[a + 2] + im[a + 3];
            double turnedRe = turn * (im[a + 2] - im[a + 3]);
            double turnedIm = -turn * (re[a + 2] - re[a + 3]);
            re[a] = sumRe + nextSumRe;
            im[a] = sumIm + nextSumIm;
            re[a + 2] = sumRe - nextSumRe;
            im[a + 2] = sumIm - nextSumIm;
            re[a + 1] = diffRe + turnedRe;
            im[a + 1] = diffIm + turnedIm;
            re[a + 3] = diffRe - turnedRe;
            im[a + 3] = diffIm - turnedIm;
        }
        for (int half = 4; half < n; half <<= 1) {
            int span = half << 1;
            for (int k = 0; k < half; k++) {
                double wr = twiddleRe[half + k];
                double wi = turn * twiddleIm[half + k];
                for (int a = k; a < n; a += span) {
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /** A periodic Hann window of the given length, which overlap-adds to a constant at hop length/4. */
    public static double[] hann(int length) {
        double[] window = new double[length];
        for (int i = 0; i < length; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
        }
        return window;
    }
}
