package io.mashups.audio.analysis;

import io.mashups.audio.dsp.KeyEstimator;
import io.mashups.audio.dsp.MusicFeatures;
import io.mashups.audio.dsp.SectionFinder;
import io.mashups.audio.dsp.TempoEstimator;
import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tempo, beats, key, sections and loudness of an audio file. Blocking: run on a worker thread. */
public final class AudioAnalyzer {
    private AudioAnalyzer() {}

    public static MusicAnalysis analyse(Path audio) throws IOException, InterruptedException {
        Path pcm = Files.createTempFile("analysis-", ".f32");
        try {
            MediaTools.decodePcm(audio, pcm, MusicFeatures.SAMPLE_RATE, 1);
            MusicFeatures features = MusicFeatures.extract(pcm);
            TempoEstimator.Estimate tempo = TempoEstimator.estimate(features);
            KeyEstimator.Estimate key = KeyEstimator.estimate(features);
            double[] sections = SectionFinder.boundaries(features, tempo.downbeats());
            Loudness loudness = MediaTools.loudness(audio);
            return new MusicAnalysis(
                    tempo.bpm(),
                    tempo.confidence(),
                    tempo.beats(),
                    tempo.downbeats(),
                    key.key(),
                    key.confidence(),
                    loudness.integratedLufs(),
                    loudness.truePeakDbtp(),
                    sections,
                    features.durationSec());
        } finally {
            Files.deleteIfExists(pcm);
        }
    }
}
