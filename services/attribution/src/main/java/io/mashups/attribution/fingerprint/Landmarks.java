package io.mashups.attribution.fingerprint;

import java.util.List;

/** The triplets of a piece of audio and its length in analysis frames: what is indexed and what is looked up. */
public record Landmarks(List<Triplet> triplets, int frames) {

    /** From 8 kHz mono samples. */
    public static Landmarks of(float[] pcm) {
        PeakFinder finder = new PeakFinder();
        finder.accept(pcm, pcm.length);
        return of(finder);
    }

    /** From everything a peak finder was fed. */
    static Landmarks of(PeakFinder finder) {
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
