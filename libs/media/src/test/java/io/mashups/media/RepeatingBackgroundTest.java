package io.mashups.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatingBackgroundTest {
    private static final int RATE = 44100;
    private static final double LOOP_SEC = 1.5;

    @TempDir
    Path dir;

    /**
     * Eight bars of a loop (a bass note and a chord tone, the bass note alternating so that not every bar is alike)
     * with a tone sung once over the sixth: in the sung frames the tone's bin is not modelled as repeating, the chord
     * tone's bin is, and so is every bin of a frame the tone does not reach.
     */
    @Test
    void whatTheSongPlaysAgainIsModelledAndWhatItPlaysOnceIsNot() throws IOException {
        int bars = 8;
        float[][] stereo = new float[2][(int) (bars * LOOP_SEC * RATE)];
        for (int i = 0; i < stereo[0].length; i++) {
            double t = (double) i / RATE;
            int bar = (int) (t / LOOP_SEC);
            double bass = 0.3 * Math.sin(2 * Math.PI * (bar % 2 == 0 ? 82.4 : 110) * t);
            double chord = 0.1 * Math.sin(2 * Math.PI * 440 * t);
            double inBar = t - bar * LOOP_SEC;
            double sung = bar == 5 && inBar > 0.3 && inBar < 1.2 ? 0.2 * Math.sin(2 * Math.PI * 660 * t) : 0;
            stereo[0][i] = (float) (bass + chord + sung);
            stereo[1][i] = stereo[0][i];
        }
        int bins = StereoSeparation.WINDOW / 2 + 1;
        int sungBin = bin(660);
        int chordBin = bin(440);
        double[] model = new double[bins];
        try (RepeatingBackground background = RepeatingBackground.measure(pcm(stereo), RATE)) {
            int sungFrame = frameAt(5 * LOOP_SEC + 0.75);
            assertTrue(background.model(sungFrame, model));
            double[] magnitude = magnitude(stereo, sungFrame);
            assertTrue(
                    model[sungBin] < 0.05 * magnitude[sungBin],
                    "sung tone modelled " + model[sungBin] / magnitude[sungBin]);
            assertTrue(
                    model[chordBin] > 0.8 * magnitude[chordBin],
                    "chord tone modelled " + model[chordBin] / magnitude[chordBin]);
            int plainFrame = frameAt(2 * LOOP_SEC + 0.75);
            assertTrue(background.model(plainFrame, model));
            double[] plain = magnitude(stereo, plainFrame);
            assertTrue(
                    model[chordBin] > 0.8 * plain[chordBin],
                    "chord tone modelled " + model[chordBin] / plain[chordBin]);
        }
    }

    /** Without bass or kick there is nothing to compare: no frame gets a model, the separator falls back to position. */
    @Test
    void aSongWithoutALowRegisterHasNoModel() throws IOException {
        float[][] stereo = new float[2][6 * RATE];
        for (int i = 0; i < stereo[0].length; i++) {
            stereo[0][i] = (float) (0.2 * Math.sin(2 * Math.PI * 880 * i / RATE));
            stereo[1][i] = stereo[0][i];
        }
        try (RepeatingBackground background = RepeatingBackground.measure(pcm(stereo), RATE)) {
            assertFalse(background.model(frameAt(3), new double[StereoSeparation.WINDOW / 2 + 1]));
        }
    }

    /**
     * A voice that glides through the low register never sounds as it did a second before or after: the song does not
     * repeat, and no frame gets a model (taking its own notes for a background would take the voice out).
     */
    @Test
    void aRecordingThatNeverRepeatsHasNoModel() throws IOException {
        float[][] stereo = new float[2][8 * RATE];
        double phase = 0;
        for (int i = 0; i < stereo[0].length; i++) {
            phase += 2 * Math.PI * (90 + 20.0 * i / RATE) / RATE;
            stereo[0][i] = (float) (0.2 * Math.sin(phase) + 0.1 * Math.sin(3 * phase));
            stereo[1][i] = stereo[0][i];
        }
        try (RepeatingBackground background = RepeatingBackground.measure(pcm(stereo), RATE)) {
            for (double sec = 1; sec < 7; sec += 0.5) {
                assertFalse(background.model(frameAt(sec), new double[StereoSeparation.WINDOW / 2 + 1]), "at " + sec);
            }
        }
    }

    private static int bin(double hz) {
        return (int) Math.round(hz * StereoSeparation.WINDOW / RATE);
    }

    private static int frameAt(double sec) {
        return (int) Math.round(sec * RATE / StereoSeparation.HOP);
    }

    /** The mid signal's magnitudes of one frame, windowed and centred as the separator's. */
    private static double[] magnitude(float[][] stereo, int frame) {
        int window = StereoSeparation.WINDOW;
        double[] hann = Fft.hann(window);
        double[] re = new double[window];
        double[] im = new double[window];
        for (int i = 0; i < window; i++) {
            int at = frame * StereoSeparation.HOP - window / 2 + i;
            re[i] = at < 0 || at >= stereo[0].length ? 0 : (stereo[0][at] + stereo[1][at]) * hann[i];
        }
        new Fft(window).transform(re, im, false);
        double[] magnitude = new double[window / 2 + 1];
        for (int k = 0; k < magnitude.length; k++) {
            magnitude[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
        }
        return magnitude;
    }

    private Path pcm(float[][] stereo) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 * stereo[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < stereo[0].length; i++) {
            bytes.putFloat(stereo[0][i]).putFloat(stereo[1][i]);
        }
        Path file = dir.resolve("song.f32");
        Files.write(file, bytes.array());
        return file;
    }
}
