package io.mashups.audio.render;

import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.stems.Stem;
import io.mashups.audio.stems.StemSeparator;
import io.mashups.media.Loudness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AI Magic Generator's work from local files to a finished mashup: analyse what is not analysed yet, separate
 * the songs (the vocal's beside the instrumentals'), plan, render, master, and compute the player's waveform.
 * Blocking.
 */
public final class MashupPipeline {
    public static final int WAVEFORM_PEAKS = 800;

    /** A source song, its id, and its stored analysis if it has one. */
    /** A source: its upload id, its file name (how refusals name it), its audio and its analysis if stored. */
    public record Input(String sourceId, String name, Path audio, MusicAnalysis analysis) {}

    public record Request(Double targetBpm, MusicalKey targetKey, Double durationSec, String format) {}

    /**
     * The mastered mashup, the mix before mastering, its four stems as placed in the mix (before mastering; they add
     * up to the pre-master mix), the plan, the player's waveform and the master's loudness.
     */
    public record Output(
            Path audio,
            Path premaster,
            Map<Stem, Path> placedStems,
            MashupPlan plan,
            float[] peaks,
            Loudness loudness) {}

    /** Reports the stage (analysing, separating, planning, rendering, mixing, mastering, encoding) and progress 0-100. */
    public interface Progress {
        void report(String stage, int percent);
    }

    private MashupPipeline() {}

    /** The vocal of {@code vocal} over the instrumentals of {@code instrumentals} (1 to 3, taking turns). */
    public static Output run(
            StemSeparator separator,
            Input vocal,
            List<Input> instrumentals,
            Request request,
            Path workDir,
            Progress progress)
            throws IOException, InterruptedException, MashupPlanner.Unmixable {
        progress.report("analysing", 5);
        MashupPlanner.Song vocalSong = analysed(vocal);
        List<MashupPlanner.Song> instrumentalSongs = new ArrayList<>();
        for (Input instrumental : instrumentals) {
            instrumentalSongs.add(analysed(instrumental));
        }
        MashupPlanner.checkMixable(vocalSong, instrumentalSongs);

        progress.report("separating", 15);
        Path vocalDir = Files.createDirectories(workDir.resolve("stems-vocal"));
        Background<Map<Stem, Path>> vocalStems = Background.start(() -> separator.separate(vocal.audio(), vocalDir));
        List<List<Path>> beds = new ArrayList<>();
        for (int i = 0; i < instrumentals.size(); i++) {
            Map<Stem, Path> stems = separator.separate(
                    instrumentals.get(i).audio(), Files.createDirectories(workDir.resolve("stems-instrumental-" + i)));
            beds.add(MashupRenderer.BED_STEMS.stream().map(stems::get).toList());
        }
        Path vocalStem = vocalStems.join().get(Stem.VOCALS);

        progress.report("planning", 55);
        int sungBar = PcmLevels.firstSungBar(vocalStem, vocalSong.analysis().downbeats());
        MashupPlan plan = MashupPlanner.plan(
                vocalSong, sungBar, instrumentalSongs, request.targetBpm(), request.targetKey(), request.durationSec());

        progress.report("rendering", 60);
        Path output = workDir.resolve("mashup." + request.format());
        int[] step = {0};
        String[] stages = {"mixing", "mastering", "encoding"};
        int[] percents = {75, 85, 95};
        MashupRenderer.Rendered rendered = MashupRenderer.render(
                plan,
                new MashupRenderer.Parts(vocalStem, beds.subList(0, plan.beds().size())),
                workDir,
                output,
                () -> {
                    if (step[0] < stages.length) {
                        progress.report(stages[step[0]], percents[step[0]]);
                        step[0]++;
                    }
                });
        return new Output(
                output,
                rendered.premaster(),
                rendered.placedStems(),
                plan,
                PcmLevels.peaks(output, WAVEFORM_PEAKS),
                rendered.loudness());
    }

    private static MashupPlanner.Song analysed(Input input) throws IOException, InterruptedException {
        return new MashupPlanner.Song(
                input.sourceId(),
                input.name(),
                input.analysis() != null ? input.analysis() : AudioAnalyzer.analyse(input.audio()));
    }
}
