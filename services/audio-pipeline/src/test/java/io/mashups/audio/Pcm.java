package io.mashups.audio;

import io.mashups.media.MediaTools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decoded audio for tests that compare signals: interleaved stereo floats at 44.1 kHz, and residuals in dB. */
public final class Pcm {
    private Pcm() {}

    /** Decodes any audio file ffmpeg reads (the raw PCM goes next to it). */
    public static float[] read(Path audio) throws Exception {
        Path raw = audio.resolveSibling(audio.getFileName() + ".f32");
        MediaTools.decodePcm(audio, raw, 44100, 2);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(samples);
        Files.delete(raw);
        return samples;
    }

    /** Adds {@code part} into {@code sum}, as far as both go. */
    public static void addInto(float[] sum, float[] part) {
        for (int i = 0; i < Math.min(sum.length, part.length); i++) {
            sum[i] += part[i];
        }
    }

    /** Energy of the difference relative to the reference's, in dB (missing samples count as silence). */
    public static double residualDb(float[] reference, float[] candidate) {
        return residualDb(reference, candidate, 1);
    }

    /**
     * As {@link #residualDb(float[], float[])} with the candidate first scaled by the least-squares gain that best
     * matches the reference: what is left when a level change (a master's gain) is not counted.
     */
    public static double residualAfterGainDb(float[] reference, float[] candidate) {
        double cross = 0;
        double energy = 0;
        for (int i = 0; i < Math.min(reference.length, candidate.length); i++) {
            cross += reference[i] * (double) candidate[i];
            energy += candidate[i] * (double) candidate[i];
        }
        return residualDb(reference, candidate, energy == 0 ? 0 : cross / energy);
    }

    /**
     * As {@link #residualAfterGainDb} with the candidate also moved by the lag, up to {@code maxLagFrames} stereo
     * frames later, that best matches the reference (found on the first two seconds): a master's limiter delays it.
     */
    public static double residualAfterAlignmentDb(float[] reference, float[] candidate, int maxLagFrames) {
        int window = Math.min(2 * 44100 * 2, Math.min(reference.length, candidate.length));
        int bestLag = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLagFrames; lag++) {
            double score = 0;
            for (int i = 2 * lag; i < window; i++) {
                score += reference[i] * (double) candidate[i - 2 * lag];
            }
            if (score > bestScore) {
                bestScore = score;
                bestLag = lag;
            }
        }
        float[] moved = new float[candidate.length];
        System.arraycopy(candidate, 0, moved, 2 * bestLag, candidate.length - 2 * bestLag);
        return residualAfterGainDb(reference, moved);
    }

    private static double residualDb(float[] reference, float[] candidate, double gain) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < reference.length; i++) {
            double difference = reference[i] - (i < candidate.length ? gain * candidate[i] : 0);
            signal += reference[i] * (double) reference[i];
            error += difference * difference;
        }
        return 10 * Math.log10(error / signal);
    }
}
