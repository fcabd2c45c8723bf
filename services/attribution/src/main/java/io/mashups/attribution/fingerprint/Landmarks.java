package io.mashups.attribution.fingerprint;

import io.mashups.media.PcmReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The triplets of a piece of audio and its length in analysis frames: what is indexed and what is looked up. */
public record Landmarks(List<Triplet> triplets, int frames) {

    /** From 8 kHz mono samples. */
    public static Landmarks of(float[] pcm) {
        PeakFinder finder = new PeakFinder();
        finder.accept(pcm, pcm.length);
        return of(finder);
    }

    /** Streams an 8 kHz mono 32-bit float PCM file ({@code MediaTools.decodePcm(in, out, 8000, 1)}). */
    public static Landmarks read(Path pcm) throws IOException {
        PeakFinder finder = new PeakFinder();
        float[][] chunk = new float[1][8192];
        try (PcmReader reader = new PcmReader(pcm, 1)) {
            int read;
            while ((read = reader.read(chunk, 0, chunk[0].length)) > 0) {
                finder.accept(chunk[0], read);
            }
        }
        return of(finder);
    }

    private static Landmarks of(PeakFinder finder) {
        List<Peak> peaks = finder.finish();
        return new Landmarks(Triplets.of(peaks), finder.frames());
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(triplets, frames);
    }

    public double durationSec() {
        return frames / PeakFinder.FRAMES_PER_SECOND;
    }
}
