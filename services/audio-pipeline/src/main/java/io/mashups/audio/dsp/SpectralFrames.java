package io.mashups.audio.dsp;

import io.mashups.media.Fft;
import io.mashups.media.PcmReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Short-time Fourier magnitudes of a mono PCM file, streamed: only one window of samples is held at a time. Frame
 * {@code n} is centred on sample {@code n * hop} (the signal is padded with silence by half a window at both ends).
 */
public final class SpectralFrames {
    /** Receives each frame's magnitudes, bins 0..window/2. The array is reused: copy what you keep. */
    @FunctionalInterface
    public interface Consumer {
        void frame(int index, double[] magnitudes);
    }

    private SpectralFrames() {}

    /** Streams the file through the STFT; returns the number of frames. */
    public static int stream(Path monoPcm, int window, int hop, Consumer consumer) throws IOException {
        Fft fft = new Fft(window);
        double[] hann = Fft.hann(window);
        float[][] ring = new float[1][window];
        double[] re = new double[window];
        double[] im = new double[window];
        double[] magnitudes = new double[window / 2 + 1];
        long total = 0;
        int frames = 0;
        try (PcmReader reader = new PcmReader(monoPcm, 1)) {
            // the ring starts half a window before the first sample
            int got = reader.read(ring, window / 2, window - window / 2);
            total += got;
            boolean ended = got < window - window / 2;
            while ((long) frames * hop < total) {
                for (int i = 0; i < window; i++) {
                    re[i] = ring[0][i] * hann[i];
                }
                fft.realForward(re, im);
                for (int k = 0; k <= window / 2; k++) {
                    magnitudes[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
                }
                consumer.frame(frames++, magnitudes);
                System.arraycopy(ring[0], hop, ring[0], 0, window - hop);
                int read = ended ? 0 : reader.read(ring, window - hop, hop);
                ended |= read < hop;
                total += read;
                java.util.Arrays.fill(ring[0], window - hop + read, window, 0f);
            }
        }
        return frames;
    }
}
