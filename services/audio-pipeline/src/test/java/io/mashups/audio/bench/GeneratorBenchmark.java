package io.mashups.audio.bench;

import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.render.MashupPipeline;
import io.mashups.audio.render.MashupPlanner;
import io.mashups.audio.stems.BuiltinSeparator;
import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import io.mashups.media.WorkDirs;
import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints the generator's figures on random pairs of synthesised songs (run it with bench/pairs.sh, not as a test):
 * tempos 60-200 BPM, every key, standard and varied arrangements, each pair the vocal of one over the other, no tempo
 * asked for. For each: whether a mashup came, its tempo within the API's 60-200, its loudness (-14 +- 1 LUFS) and
 * true peak (at most -1 dBTP), the tempo it reports against the tempo measured on it (ours and aubio's, within 1%)
 * and against the truth (the instrumental's synthesised tempo times its stretch: the analyser's octave errors show
 * here), and the decoded duration against the reported one (within 20 ms). Beside it, on the same analyses, the planner
 * before the tempo band (the instrumental's tempo when the vocal was within 15% of it, else the geometric mean, both
 * within 15%), which refused what it could not fit.
 */
public final class GeneratorBenchmark {
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026;
        Path dir = Files.createTempDirectory("generator-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> WorkDirs.delete(dir)));
        Random random = new Random(seed);
        System.out.printf(
                "%n== Generator: %d random pairs (seed %d), 60-200 BPM, every key, standard and varied ==%n",
                pairs, seed);
        System.out.printf(
                "%-4s %-17s %-15s %-7s | %-6s %-6s %-7s %-7s %-7s %-7s %-4s | %s%n",
                "pair",
                "truth v/i",
                "analysed v/i",
                "before",
                "bpm",
                "LUFS",
                "TP",
                "ours",
                "aubio",
                "dur ms",
                "",
                "compromises or refusal");
        int made = 0;
        int inRange = 0;
        int loud = 0;
        int peak = 0;
        int tempoOurs = 0;
        int tempoAubio = 0;
        int tempoTrue = 0;
        int duration = 0;
        int before = 0;
        for (int i = 0; i < pairs; i++) {
            SongSynth.Spec vocalSpec = spec(random, 2 * i);
            SongSynth.Spec bedSpec = spec(random, 2 * i + 1);
            Path vocal = encode(dir, vocalSpec, random.nextBoolean(), "vocal-" + i);
            Path bed = encode(dir, bedSpec, random.nextBoolean(), "bed-" + i);
            MusicAnalysis vocalAnalysis = AudioAnalyzer.analyse(vocal);
            MusicAnalysis bedAnalysis = AudioAnalyzer.analyse(bed);
            boolean plannedBefore = plannedBefore(vocalAnalysis.bpm(), bedAnalysis.bpm());
            before += plannedBefore ? 1 : 0;
            String head = String.format(
                    Locale.ROOT,
                    "%-4d %-17s %-15s %-7s",
                    i + 1,
                    String.format(Locale.ROOT, "%.1f/%.1f", vocalSpec.bpm(), bedSpec.bpm()),
                    String.format(Locale.ROOT, "%.1f/%.1f", vocalAnalysis.bpm(), bedAnalysis.bpm()),
                    plannedBefore ? "mixed" : "refused");
            MashupPipeline.Output output;
            try {
                output = MashupPipeline.run(
                        new BuiltinSeparator(),
                        new MashupPipeline.Input("v" + i, "vocal-" + i + ".mp3", vocal, vocalAnalysis),
                        List.of(new MashupPipeline.Input("i" + i, "bed-" + i + ".mp3", bed, bedAnalysis)),
                        new MashupPipeline.Request(null, null, null, "mp3"),
                        Files.createTempDirectory(dir, "job"),
                        (stage, percent) -> {});
            } catch (MashupPlanner.Unmixable refused) {
                System.out.printf("%s | refused: %s%n", head, refused.getMessage());
                continue;
            }
            made++;
            double bpm = output.plan().targetBpm();
            Loudness loudness = MediaTools.loudness(output.audio());
            double ours = AudioAnalyzer.analyse(output.audio()).bpm();
            double aubio = AudioBenchmark.parseFirstNumber(
                    AudioBenchmark.run("aubio", "tempo", output.audio().toString()));
            Path decoded = output.audio().resolveSibling("decoded.wav");
            MediaTools.ffmpeg(List.of("-i", output.audio().toString(), decoded.toString()));
            double durationMs = (MediaTools.probe(decoded).orElseThrow().durationSec()
                            - output.plan().durationSec())
                    * 1000;
            boolean ok = bpm >= 60 && bpm <= 200;
            inRange += ok ? 1 : 0;
            loud += Math.abs(loudness.integratedLufs() + 14) <= 1 ? 1 : 0;
            peak += loudness.truePeakDbtp() <= -1 ? 1 : 0;
            tempoOurs += within(ours, bpm, 0.01) ? 1 : 0;
            tempoAubio += within(aubio, bpm, 0.01) ? 1 : 0;
            double trueBpm = bedSpec.bpm() * output.plan().beds().get(0).tempo();
            tempoTrue += within(trueBpm, bpm, 0.01) ? 1 : 0;
            duration += Math.abs(durationMs) <= 20 ? 1 : 0;
            System.out.printf(
                    Locale.ROOT,
                    "%s | %-6.1f %-6.1f %-7.1f %-7.1f %-7.1f %-7.0f %-4s | %s%n",
                    head,
                    bpm,
                    loudness.integratedLufs(),
                    loudness.truePeakDbtp(),
                    ours,
                    aubio,
                    durationMs,
                    ok ? "" : "OUT",
                    String.join("; ", output.plan().compromises()));
            WorkDirs.delete(output.audio().getParent());
        }
        System.out.printf(
                Locale.ROOT,
                "%nmashups made: %d/%d (the planner before the band, same analyses: %d/%d); tempo within 60-200: %d;"
                        + " -14 +- 1 LUFS: %d; true peak <= -1 dBTP: %d; reported tempo within 1%% of the measured:"
                        + " ours %d, aubio %d; the truth %d; decoded duration within 20 ms of the reported: %d%n",
                made,
                pairs,
                before,
                pairs,
                inRange,
                loud,
                peak,
                tempoOurs,
                tempoAubio,
                tempoTrue,
                duration);
    }

    /** A random song of about 45 s: 60-200 BPM, any key. */
    private static SongSynth.Spec spec(Random random, int index) {
        double bpm = 60 + 140 * random.nextDouble();
        int bars = (int) Math.max(16, Math.ceil(45 * bpm / 240));
        return new SongSynth.Spec(
                bpm, random.nextInt(12), random.nextBoolean(), bars, random.nextBoolean(), 7000 + index);
    }

    private static Path encode(Path dir, SongSynth.Spec spec, boolean varied, String name) throws Exception {
        Path wav = dir.resolve(name + ".wav");
        SongSynth.writeWav(
                SongSynth.render(
                                spec,
                                varied ? SongSynth.Arrangement.varied(spec.seed()) : SongSynth.Arrangement.STANDARD)
                        .mix(),
                wav);
        Path mp3 = dir.resolve(name + ".mp3");
        MediaTools.ffmpeg(List.of("-i", wav.toString(), "-b:a", "192k", mp3.toString()));
        Files.delete(wav);
        return mp3;
    }

    /**
     * The planner's tempo rule before the band search: the instrumental's tempo when the vocal (at its nearest half,
     * double or own tempo) was within 15% of it, else their geometric mean; refused unless both were within 15%.
     */
    private static boolean plannedBefore(double vocalBpm, double bedBpm) {
        double vocal = vocalBpm;
        for (double candidate : new double[] {vocalBpm / 2, vocalBpm * 2}) {
            if (Math.abs(Math.log(candidate / bedBpm)) < Math.abs(Math.log(vocal / bedBpm))) {
                vocal = candidate;
            }
        }
        double target = Math.abs(bedBpm / vocal - 1) <= 0.15 ? bedBpm : Math.sqrt(bedBpm * vocal);
        return Math.abs(target / vocal - 1) <= 0.15 + 1e-9 && Math.abs(target / bedBpm - 1) <= 0.15 + 1e-9;
    }

    private static boolean within(double measured, double reported, double tolerance) {
        return Math.abs(measured / reported - 1) <= tolerance;
    }

    private GeneratorBenchmark() {}
}
