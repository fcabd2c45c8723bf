package io.mashups.audio.render;

import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.media.Loudness;
import io.mashups.audio.stems.Stem;
import io.mashups.audio.stems.StemSeparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AI Magic Generator's work from two local files to a finished mashup: analyse what is not analysed yet,
 * separate both songs (in parallel), plan, render, master, and compute the player's waveform. Blocking.
 */
public final class MashupPipeline {
    public static final int WAVEFORM_PEAKS = 800;
    private static final double DEFAULT_MAX_DURATION_SEC = 180;

    /** A source song and its stored analysis, if it has one. */
    public record Input(Path audio, MusicAnalysis analysis) {
    }

    public record Request(Double targetBpm, MusicalKey targetKey, Double durationSec, String format) {
    }

    public record Output(Path audio, Path placedVocals, MashupPlan plan, float[] peaks, Loudness loudness, MusicAnalysis vocalAnalysis,
                         MusicAnalysis instrumentalAnalysis, Map<Stem, Path> vocalStems, Map<Stem, Path> instrumentalStems) {
    }

    /** Reports the stage (analysing, separating, planning, rendering, mastering) and overall progress 0-100. */
    public interface Progress {
        void report(String stage, int percent);
    }

    private MashupPipeline() {
    }

    public static Output run(StemSeparator separator, Input vocal, Input instrumental, Request request, Path workDir,
                             Progress progress) throws IOException, InterruptedException, MashupPlanner.Unmixable {
        progress.report("analysing", 5);
        MusicAnalysis vocalAnalysis = vocal.analysis() != null ? vocal.analysis() : AudioAnalyzer.analyse(vocal.audio());
        MusicAnalysis instrumentalAnalysis = instrumental.analysis() != null ? instrumental.analysis()
                : AudioAnalyzer.analyse(instrumental.audio());

        progress.report("separating", 15);
        Path vocalDir = Files.createDirectories(workDir.resolve("vocal-stems"));
        Path instrumentalDir = Files.createDirectories(workDir.resolve("instrumental-stems"));
        Background<Map<Stem, Path>> vocalStems = Background.start(() -> separator.separate(vocal.audio(), vocalDir));
        Map<Stem, Path> instrumentalStems = separator.separate(instrumental.audio(), instrumentalDir);
        Map<Stem, Path> vocalStemFiles = vocalStems.join();

        progress.report("planning", 55);
        int sungBar = PcmLevels.firstSungBar(vocalStemFiles.get(Stem.VOCALS), vocalAnalysis.downbeats());
        double available = DEFAULT_MAX_DURATION_SEC;
        MashupPlan plan = MashupPlanner.plan(vocalAnalysis, sungBar, instrumentalAnalysis, request.targetBpm(),
                request.targetKey(), request.durationSec() != null ? request.durationSec() : available);
        double start = instrumentalAnalysis.downbeats().length > 0 ? instrumentalAnalysis.downbeats()[0] : 0;
        double instrumentalLeft = (instrumentalAnalysis.durationSec() - start) / plan.instrumentalTempo();
        if (request.durationSec() == null) {
            plan = MashupPlanner.plan(vocalAnalysis, sungBar, instrumentalAnalysis, request.targetBpm(), request.targetKey(),
                    Math.min(DEFAULT_MAX_DURATION_SEC, Math.floor(instrumentalLeft)));
        } else if (request.durationSec() > instrumentalLeft + 0.5) {
            throw new MashupPlanner.Unmixable(String.format(java.util.Locale.ROOT,
                    "the instrumental lasts only %.0f s at %.1f BPM; ask for at most that", Math.floor(instrumentalLeft),
                    plan.targetBpm()));
        }

        progress.report("rendering", 60);
        Path output = workDir.resolve("mashup." + request.format());
        Path placedVocals = workDir.resolve("mashup-vocals.flac");
        int[] step = {0};
        String[] stages = {"mixing", "mastering", "encoding"};
        int[] percents = {75, 85, 95};
        Loudness loudness = MashupRenderer.render(plan, new MashupRenderer.Parts(vocalStemFiles.get(Stem.VOCALS),
                        List.of(instrumentalStems.get(Stem.DRUMS), instrumentalStems.get(Stem.BASS), instrumentalStems.get(Stem.OTHER))),
                workDir, output, placedVocals, () -> {
                    if (step[0] < stages.length) {
                        progress.report(stages[step[0]], percents[step[0]]);
                        step[0]++;
                    }
                });
        float[] peaks = PcmLevels.peaks(output, WAVEFORM_PEAKS);
        return new Output(output, placedVocals, plan, peaks, loudness, vocalAnalysis, instrumentalAnalysis, vocalStemFiles, instrumentalStems);
    }

}
