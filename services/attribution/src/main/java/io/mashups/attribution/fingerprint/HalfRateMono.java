package io.mashups.attribution.fingerprint;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Turns stereo audio streaming by into mono at half its sample rate: the channels averaged (as {@code ffmpeg -ac 1}
 * does) and a Kaiser-windowed sinc low-pass (linear phase, its delay compensated) before every second sample is
 * kept. The separated stems reach the peak finder this way instead of through a file and an ffmpeg process each,
 * whose start alone costs about as much as separating ten seconds of audio.
 */
final class HalfRateMono {
    /** Taps either side of the centre: passband to 3.8 kHz and over 70 dB down from 4.2 kHz at 16 kHz input. */
    private static final int HALF_TAPS = 96;

    private static final double KAISER_BETA = 7.5;
    private static final double[] TAPS = lowPass();

    private final ObjIntConsumer<float[]> output;
    /** Input (mono) samples not yet behind every output that needs them, from input index {@link #firstBuffered}. */
    private float[] input = new float[4096];

    private int buffered;
    private long firstBuffered = -HALF_TAPS;
    /** The input index the next output sample is centred on (always even). */
    private long nextCentre;

    private float[] out = new float[2048];

    /** Outputs go to {@code output} in blocks (array, count); the array is reused after the call returns. */
    HalfRateMono(ObjIntConsumer<float[]> output) {
        this.output = output;
        // the samples before the start are silence, so the first output is centred on the first input sample
        buffered = HALF_TAPS;
    }

    void accept(float[][] stereo, int count) {
        ensureRoom(count);
        for (int i = 0; i < count; i++) {
            input[buffered + i] = (stereo[0][i] + stereo[1][i]) * 0.5f;
        }
        buffered += count;
        emit(Long.MAX_VALUE);
    }

    /** Flushes the outputs of the last input samples (silence after the end): half as many outputs as inputs. */
    void finish() {
        long inputs = firstBuffered + buffered;
        ensureRoom(HALF_TAPS);
        Arrays.fill(input, buffered, buffered + HALF_TAPS, 0f);
        buffered += HALF_TAPS;
        emit(inputs);
    }

    /** Emits every output whose taps are all buffered and whose centre lies before {@code centreLimit}. */
    private void emit(long centreLimit) {
        int produced = 0;
        while (nextCentre + HALF_TAPS < firstBuffered + buffered && nextCentre < centreLimit) {
            int centre = (int) (nextCentre - firstBuffered);
            double sum = TAPS[0] * input[centre];
            for (int k = 1; k <= HALF_TAPS; k++) {
                sum += TAPS[k] * (input[centre - k] + input[centre + k]);
            }
            if (produced == out.length) {
                output.accept(out, produced);
                produced = 0;
            }
            out[produced++] = (float) sum;
            nextCentre += 2;
        }
        if (produced > 0) {
            output.accept(out, produced);
        }
        // keep only what the next outputs reach back to
        int keepFrom = (int) (nextCentre - HALF_TAPS - firstBuffered);
        if (keepFrom > 0) {
            System.arraycopy(input, keepFrom, input, 0, buffered - keepFrom);
            buffered -= keepFrom;
            firstBuffered += keepFrom;
        }
    }

    private void ensureRoom(int count) {
        if (buffered + count > input.length) {
            float[] grown = new float[Math.max(input.length * 2, buffered + count)];
            System.arraycopy(input, 0, grown, 0, buffered);
            input = grown;
        }
    }

    /** The centre and one side of a symmetric low-pass cutting at a quarter of the input rate, unity gain at 0 Hz. */
    private static double[] lowPass() {
        double[] taps = new double[HALF_TAPS + 1];
        double sum = 0;
        for (int k = 0; k <= HALF_TAPS; k++) {
            double sinc = k == 0 ? 1 : Math.sin(Math.PI * k / 2) / (Math.PI * k / 2);
            double ratio = (double) k / (HALF_TAPS + 1);
            taps[k] = sinc * besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / besselI0(KAISER_BETA);
            sum += k == 0 ? taps[k] : 2 * taps[k];
        }
        for (int k = 0; k <= HALF_TAPS; k++) {
            taps[k] /= sum;
        }
        return taps;
    }

    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        for (int n = 1; n < 50; n++) {
            term *= (x / (2 * n)) * (x / (2 * n));
            sum += term;
        }
        return sum;
    }
}
