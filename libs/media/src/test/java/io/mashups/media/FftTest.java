package io.mashups.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The transforms against the discrete Fourier transform's definition, summed term by term. */
class FftTest {
    private static final int[] SIZES = {8, 16, 64, 512, 2048};

    /** X[k] = sum x[n] e^(sign 2 pi i k n / N), computed directly. */
    private static double[][] dft(double[] re, double[] im, int sign) {
        int n = re.length;
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double angle = sign * 2 * Math.PI * ((long) k * t % n) / n;
                out[0][k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                out[1][k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
        }
        return out;
    }

    @Test
    void complexTransformsBothWaysAreTheDefinitions() {
        SplittableRandom random = new SplittableRandom(11);
        for (int size : SIZES) {
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = random.doubles(size, -1, 1).toArray();
                double[] im = random.doubles(size, -1, 1).toArray();
                double[][] expected = dft(re, im, inverse ? 1 : -1);
                new Fft(size).transform(re, im, inverse);
                for (int k = 0; k < size; k++) {
                    String bin = "size " + size + (inverse ? " inverse" : "") + " bin " + k;
                    assertEquals(expected[0][k], re[k], 1e-9 * size, bin);
                    assertEquals(expected[1][k], im[k], 1e-9 * size, bin);
                }
            }
        }
    }

    @Test
    void aRealSignalsSpectrumIsTheComplexTransformsFirstHalf() {
        SplittableRandom random = new SplittableRandom(12);
        for (int size : SIZES) {
            Fft fft = new Fft(size);
            // twice on one instance: the scratch tables carry nothing from one call to the next
            for (int round = 0; round < 2; round++) {
                double[] signal = random.doubles(size, -1, 1).toArray();
                double[][] expected = dft(signal, new double[size], -1);
                double[] re = signal.clone();
                double[] im = random.doubles(size, -1, 1).toArray(); // not read
                fft.realForward(re, im);
                for (int k = 0; k <= size / 2; k++) {
                    String bin = "size " + size + " bin " + k;
                    assertEquals(expected[0][k], re[k], 1e-9 * size, bin);
                    assertEquals(expected[1][k], im[k], 1e-9 * size, bin);
                }
            }
        }
    }

    @Test
    void sizesThatAreNotPowersOfTwoOrTooSmallAreRefused() {
        for (int size : new int[] {0, 4, 12, 1000}) {
            assertThrows(IllegalArgumentException.class, () -> new Fft(size));
        }
    }
}
