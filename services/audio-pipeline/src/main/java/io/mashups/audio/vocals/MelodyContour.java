package io.mashups.audio.vocals;

import io.mashups.audio.dsp.PitchTracker;
import io.mashups.media.MediaTools;
import io.mashups.media.PcmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The pitch contour of a reference recording (a hummed or sung melody), tracked with YIN every 10 ms, to take a
 * melody from: the pitch around any moment, moved by whole octaves into the singing voice's range.
 */
public final class MelodyContour {
    static final int SAMPLE_RATE = 22050;
    private static final int HOP = SAMPLE_RATE / 100;
    private static final double WINDOW_SEC = 0.1;

    /** MIDI pitch per frame, NaN where unvoiced. */
    private final double[] midi;

    private final double medianMidi;

    MelodyContour(double[] midi) {
        this.midi = midi;
        double[] voiced =
                Arrays.stream(midi).filter(m -> !Double.isNaN(m)).sorted().toArray();
        this.medianMidi = voiced.length == 0 ? Double.NaN : voiced[voiced.length / 2];
    }

    /** Tracks the reference; empty when nothing in it is voiced (noise, drums, silence). */
    public static java.util.Optional<MelodyContour> of(Path audio, Path workDir)
            throws IOException, InterruptedException {
        Path pcm = workDir.resolve("reference.f32");
        MediaTools.decodePcm(audio, pcm, SAMPLE_RATE, 1);
        double[] hz = new PitchTracker(SAMPLE_RATE, 70, 1000).track(PcmReader.mono(pcm), HOP);
        double[] midi = new double[hz.length];
        for (int i = 0; i < hz.length; i++) {
            midi[i] = hz[i] > 0 ? 69 + 12 * Math.log(hz[i] / 440) / Math.log(2) : Double.NaN;
        }
        MelodyContour contour = new MelodyContour(midi);
        return Double.isNaN(contour.medianMidi) ? java.util.Optional.empty() : java.util.Optional.of(contour);
    }

    /**
     * The median pitch of the voiced frames within {@value #WINDOW_SEC} s of {@code seconds} (the reference repeats
     * when the vocal outlasts it; the nearest voiced frame where none is near), in the register's octave.
     */
    public double midiAt(double seconds, VocalRegister register) {
        int frames = midi.length;
        int centre = Math.floorMod((int) Math.round(Math.max(0, seconds) * 100), frames);
        int reach = (int) Math.round(WINDOW_SEC * 100);
        double[] near = java.util.stream.IntStream.rangeClosed(centre - reach, centre + reach)
                .filter(i -> i >= 0 && i < frames && !Double.isNaN(midi[i]))
                .mapToDouble(i -> midi[i])
                .sorted()
                .toArray();
        double pitch = near.length > 0 ? near[near.length / 2] : nearestVoiced(centre);
        double octaves = Math.round((register.centreMidi() - medianMidi) / 12);
        return pitch + 12 * octaves;
    }

    private double nearestVoiced(int centre) {
        for (int distance = 1; distance < midi.length; distance++) {
            for (int i : new int[] {centre - distance, centre + distance}) {
                if (i >= 0 && i < midi.length && !Double.isNaN(midi[i])) {
                    return midi[i];
                }
            }
        }
        return medianMidi;
    }
}
