package io.mashups.attribution.fingerprint;

import io.mashups.media.MediaTools;
import io.mashups.media.StereoSeparation;
import io.mashups.media.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the matcher hears in an audio file: the landmarks of the whole mix and of its vocal stem. A mashup puts one
 * song's voice over another's band; the voice's landmarks drown among the band's in the mix, but in the vocal stem
 * (separated here and from every reference the same way) they meet the reference voice's own.
 */
public record AudioLandmarks(Landmarks mix, Landmarks vocals) {
    /** The separator runs at 16 kHz: landmarks need nothing above 4 kHz, and it is almost three times faster. */
    static final int SEPARATION_RATE = 16000;

    /** Decodes, separates and fingerprints {@code audio}, using {@code workDir} for the PCM it streams through. */
    public static AudioLandmarks read(Path audio, Path workDir) throws IOException, InterruptedException {
        Path mono = workDir.resolve("landmarks-mono.pcm");
        Path stereo = workDir.resolve("landmarks-stereo.pcm");
        Path vocals = workDir.resolve("landmarks-vocals.wav");
        try {
            MediaTools.decodePcm(audio, mono, PeakFinder.SAMPLE_RATE, 1);
            Landmarks mix = Landmarks.read(mono);
            MediaTools.decodePcm(audio, stereo, SEPARATION_RATE, 2);
            try (WavWriter writer = new WavWriter(vocals, 2, SEPARATION_RATE)) {
                StereoSeparation.separate(stereo, SEPARATION_RATE, (stem, samples, count) -> {
                    if (stem == StereoSeparation.VOCALS) {
                        writer.write(samples, 0, count);
                    }
                });
            }
            MediaTools.decodePcm(vocals, mono, PeakFinder.SAMPLE_RATE, 1);
            return new AudioLandmarks(mix, Landmarks.read(mono));
        } finally {
            Files.deleteIfExists(mono);
            Files.deleteIfExists(stereo);
            Files.deleteIfExists(vocals);
        }
    }

    public double durationSec() {
        return mix.durationSec();
    }
}
