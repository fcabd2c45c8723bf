package io.mashups.attribution.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HalfRateMonoTest {
    private static final int RATE = 16000;

    /** Streams {@code stereo} through a decimator in blocks of {@code block} samples and returns all it put out. */
    private static float[] decimate(float[][] stereo, int block) {
        float[][] collected = {new float[0]};
        HalfRateMono mono = new HalfRateMono((samples, count) -> {
            int had = collected[0].length;
            collected[0] = Arrays.copyOf(collected[0], had + count);
            System.arraycopy(samples, 0, collected[0], had, count);
        });
        int length = stereo[0].length;
        for (int at = 0; at < length; at += block) {
            int count = Math.min(block, length - at);
            mono.accept(
                    new float[][] {
                        Arrays.copyOfRange(stereo[0], at, at + count), Arrays.copyOfRange(stereo[1], at, at + count)
                    },
                    count);
        }
        mono.finish();
        return collected[0];
    }

    private static float[][] sines(double leftHz, double rightHz, int samples) {
        float[][] stereo = new float[2][samples];
        for (int i = 0; i < samples; i++) {
            stereo[0][i] = (float) Math.sin(2 * Math.PI * leftHz * i / RATE);
            stereo[1][i] = (float) Math.sin(2 * Math.PI * rightHz * i / RATE);
        }
        return stereo;
    }

    private static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void halvesTheSampleCountWhateverTheBlocks() {
        for (int length : new int[] {0, 1, 2, 191, 4097}) {
            float[][] stereo = sines(440, 660, length);
            float[] whole = decimate(stereo, Math.max(1, length));
            assertEquals((length + 1) / 2, whole.length, "outputs of " + length + " inputs");
            for (int block : new int[] {1, 7, 512}) {
                assertArrayEquals(whole, decimate(stereo, block), "blocks of " + block + " over " + length);
            }
        }
    }

    @Test
    void passesTheAverageOfTheChannelsInPhaseBelowThreeEightKilohertz() {
        for (double hz : new double[] {100, 1000, 3700}) {
            float[] out = decimate(sines(hz, hz, RATE), 512);
            double worst = 0;
            // away from the edges, where the silence outside the signal enters the filter
            for (int m = 200; m < out.length - 200; m++) {
                worst = Math.max(worst, Math.abs(out[m] - Math.sin(2 * Math.PI * hz * 2 * m / RATE)));
            }
            assertTrue(worst < 0.01, hz + " Hz differs from the input at its own instant by " + worst);
        }
        float[] opposite = decimate(sines(1000, 0, RATE), 512);
        assertEquals(Math.sqrt(0.5) / 2, rms(opposite, 200, opposite.length - 200), 0.005, "one channel at half level");
    }

    @Test
    void stopsWhatWouldFoldBelowTheNewNyquist() {
        for (double hz : new double[] {4200, 5000, 7000}) {
            float[] out = decimate(sines(hz, hz, RATE), 512);
            double attenuationDb = 20 * Math.log10(rms(out, 200, out.length - 200) / Math.sqrt(0.5));
            assertTrue(attenuationDb < -60, hz + " Hz folds down at only " + attenuationDb + " dB");
        }
    }
}
