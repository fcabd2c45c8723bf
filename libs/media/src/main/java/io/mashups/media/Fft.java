package io.mashups.media;

/** In-place iterative radix-2 complex FFT of one fixed size; one instance per thread (it keeps scratch tables). */
public final class Fft {
    private final int size;
    private final int[] bitReversed;
    private final double[] cos;
    private final double[] sin;

    public Fft(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two: " + size);
        }
        this.size = size;
        bitReversed = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int i = 0; i < size; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / size);
            sin[i] = Math.sin(2 * Math.PI * i / size);
        }
    }

    public int size() {
        return size;
    }

    /** Forward transform (e^-i), or the inverse without the 1/N scaling. */
    public void transform(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < size; i++) {
            int j = bitReversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int half = 1; half < size; half <<= 1) {
            int step = size / (half << 1);
            for (int start = 0; start < size; start += half << 1) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
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
