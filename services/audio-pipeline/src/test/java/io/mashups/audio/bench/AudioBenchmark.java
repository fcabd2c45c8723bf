package io.mashups.audio.bench;

import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.render.MashupPipeline;
import io.mashups.audio.stems.BuiltinSeparator;
import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import io.mashups.media.WorkDirs;
import io.mashups.testing.audio.SongSynth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the audio pipeline's figures (run it with bench/run.sh, not as a test):
 * <ol>
 * <li>tempo accuracy (within 2%, half/double counted wrong) and run time on 24 synthesised songs (70-170 BPM, every
 * key, busy hi-hats on the slow ones), ours next to {@code aubio tempo} and bpm-tools' {@code bpm} on the same
 * files, and our key accuracy with the MIREX weighted score;</li>
 * <li>tempo accuracy (within 4%, half/double counted wrong) on 40 songs of 60-200 BPM with varied arrangements (off-beat
 * kicks, bass and stabs, a quarter of them swung), the accuracy test's set, and on the same 40 played in half time
 * (snare on beat 3 only), ours next to {@code aubio tempo};</li>
 * <li>wall time of the whole AI generation from two 3-minute songs with the built-in separator, next to the floor:
 * ffmpeg alone decoding both inputs and encoding the output.</li>
 * </ol>
 */
public final class AudioBenchmark {
    public static void main(String[] args) throws Exception {
        int bars = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Path dir = Files.createTempDirectory("audio-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> WorkDirs.delete(dir)));
        tempoAndKey(dir, bars);
        tempoOnVariedFeels(dir);
        mashup(dir);
    }

    private static void tempoAndKey(Path dir, int bars) throws Exception {
        System.out.printf("%n== Tempo and key: 24 synthesised songs of %d bars, encoded as MP3 ==%n", bars);
        System.out.printf(
                "%-8s %-10s | %-8s %-10s %5s | %-8s %5s | %-8s %5s%n",
                "truth", "key", "ours", "key", "s", "aubio", "s", "bpm", "s");
        int oursRight = 0;
        int aubioRight = 0;
        int bpmRight = 0;
        int keysExact = 0;
        double mirex = 0;
        double oursSec = 0;
        double aubioSec = 0;
        double bpmSec = 0;
        SongSynth.Spec[] specs = SongSynth.standardSet(bars);
        for (SongSynth.Spec spec : specs) {
            Path wav = dir.resolve("song.wav");
            Path mp3 = dir.resolve("song.mp3");
            SongSynth.writeWav(SongSynth.render(spec).mix(), wav);
            MediaTools.ffmpeg(List.of("-i", wav.toString(), "-b:a", "192k", mp3.toString()));

            long t0 = System.nanoTime();
            MusicAnalysis ours = AudioAnalyzer.analyse(mp3);
            double ourTime = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            double aubio = parseFirstNumber(run("aubio", "tempo", mp3.toString()));
            double aubioTime = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            double bpm = parseFirstNumber(run(
                    "bash", "-c", "ffmpeg -v error -i '" + mp3 + "' -ac 1 -ar 44100 -f f32le - | bpm -m 50 -x 220"));
            double bpmTime = (System.nanoTime() - t0) / 1e9;

            oursRight += right(ours.bpm(), spec.bpm()) ? 1 : 0;
            aubioRight += right(aubio, spec.bpm()) ? 1 : 0;
            bpmRight += right(bpm, spec.bpm()) ? 1 : 0;
            double score = mirexScore(new MusicalKey(spec.tonic(), spec.minor()), ours.key());
            keysExact += score == 1 ? 1 : 0;
            mirex += score / specs.length;
            oursSec += ourTime;
            aubioSec += aubioTime;
            bpmSec += bpmTime;
            System.out.printf(
                    Locale.ROOT,
                    "%-8.2f %-10s | %-8.2f %-10s %5.2f | %-8.2f %5.2f | %-8.2f %5.2f%n",
                    spec.bpm(),
                    new MusicalKey(spec.tonic(), spec.minor()).name(),
                    ours.bpm(),
                    ours.key().name(),
                    ourTime,
                    aubio,
                    aubioTime,
                    bpm,
                    bpmTime);
        }
        System.out.printf(
                Locale.ROOT,
                "tempo within 2%%: ours %d/24 (%.1f s total, includes key, loudness, sections), "
                        + "aubio tempo %d/24 (%.1f s), bpm-tools %d/24 (%.1f s, range 50-220 as ours)%n",
                oursRight,
                oursSec,
                aubioRight,
                aubioSec,
                bpmRight,
                bpmSec);
        System.out.printf(Locale.ROOT, "key exact: %d/24, MIREX weighted score %.3f%n", keysExact, mirex);
    }

    private static void tempoOnVariedFeels(Path dir) throws Exception {
        System.out.printf(
                "%n== Tempo on 40 varied arrangements (seed 2026, 60-200 BPM), as played and in half time ==%n");
        for (boolean halfTime : new boolean[] {false, true}) {
            int ours = 0;
            int aubio = 0;
            int swung = 0;
            int swungRight = 0;
            for (SongSynth.Spec spec : SongSynth.variedSet(40, 2026, 16)) {
                SongSynth.Arrangement arrangement = SongSynth.Arrangement.variedWithSwing(spec.seed());
                Path wav = dir.resolve("varied.wav");
                Path mp3 = dir.resolve("varied.mp3");
                SongSynth.writeWav(
                        SongSynth.render(spec, halfTime ? arrangement.inHalfTime() : arrangement)
                                .mix(),
                        wav);
                MediaTools.ffmpeg(List.of("-y", "-i", wav.toString(), "-b:a", "192k", mp3.toString()));
                boolean oursRight = withinFourPercent(AudioAnalyzer.analyse(mp3).bpm(), spec.bpm());
                ours += oursRight ? 1 : 0;
                aubio += withinFourPercent(parseFirstNumber(run("aubio", "tempo", mp3.toString())), spec.bpm()) ? 1 : 0;
                if (arrangement.swing() > 0.5) {
                    swung++;
                    swungRight += oursRight ? 1 : 0;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: tempo within 4%%: ours %d/40 (swung %d/%d), aubio tempo %d/40%n",
                    halfTime ? "in half time" : "as arranged",
                    ours,
                    swungRight,
                    swung,
                    aubio);
        }
    }

    private static boolean withinFourPercent(double found, double truth) {
        return Math.abs(found - truth) / truth <= 0.04;
    }

    private static void mashup(Path dir) throws Exception {
        System.out.printf(
                "%n== AI generation: two 3-minute songs, built-in separator, %d cores ==%n",
                Runtime.getRuntime().availableProcessors());
        Path a = encode(dir, new SongSynth.Spec(100, 2, false, 75, true, 41), "a");
        Path b = encode(dir, new SongSynth.Spec(108, 9, true, 81, false, 42), "b");
        Path work = Files.createTempDirectory(dir, "job");
        long t0 = System.nanoTime();
        MusicAnalysis analysisA = AudioAnalyzer.analyse(a);
        MusicAnalysis analysisB = AudioAnalyzer.analyse(b);
        double analysisTime = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        MashupPipeline.Output output = MashupPipeline.run(
                new BuiltinSeparator(),
                new MashupPipeline.Input("a", "a.mp3", a, analysisA),
                List.of(new MashupPipeline.Input("b", "b.mp3", b, analysisB)),
                new MashupPipeline.Request(null, null, null, "mp3"),
                work,
                (stage, percent) ->
                        System.out.printf(Locale.ROOT, "  %5.1f s  %s%n", (System.nanoTime() - START) / 1e9, stage));
        double jobTime = (System.nanoTime() - t0) / 1e9;
        Loudness loudness = MediaTools.loudness(output.audio());
        double measuredBpm = AudioAnalyzer.analyse(output.audio()).bpm();

        Path decoded = dir.resolve("mashup.wav");
        MediaTools.ffmpeg(List.of("-i", output.audio().toString(), decoded.toString()));
        t0 = System.nanoTime();
        MediaTools.ffmpeg(List.of("-i", a.toString(), "-f", "null", "-"));
        MediaTools.ffmpeg(List.of("-i", b.toString(), "-f", "null", "-"));
        MediaTools.ffmpeg(List.of(
                "-i",
                decoded.toString(),
                "-c:a",
                "libmp3lame",
                "-b:a",
                "192k",
                dir.resolve("floor.mp3").toString()));
        double floor = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "mashup: %.1f s at %.2f BPM target (measured %.2f), %s, %.1f LUFS, true peak %.1f dBTP%n",
                output.plan().durationSec(),
                output.plan().targetBpm(),
                measuredBpm,
                output.plan().key().name(),
                loudness.integratedLufs(),
                loudness.truePeakDbtp());
        System.out.printf(
                Locale.ROOT,
                "generation job (analyses stored, as after upload): %.1f s; analysing both songs first: +%.1f s "
                        + "(= %.1f s cold); ffmpeg floor (decode both, encode output): %.1f s%n",
                jobTime,
                analysisTime,
                jobTime + analysisTime,
                floor);
    }

    private static final long START = System.nanoTime();

    static Path encode(Path dir, SongSynth.Spec spec, String name) throws Exception {
        Path wav = dir.resolve(name + ".wav");
        SongSynth.writeWav(SongSynth.render(spec).mix(), wav);
        Path mp3 = dir.resolve(name + ".mp3");
        MediaTools.ffmpeg(List.of("-i", wav.toString(), "-b:a", "192k", mp3.toString()));
        return mp3;
    }

    private static boolean right(double found, double truth) {
        return Math.abs(found - truth) / truth <= 0.02;
    }

    /** MIREX key score: exact 1, fifth 0.5, relative 0.3, parallel 0.2. */
    static double mirexScore(MusicalKey truth, MusicalKey found) {
        if (found.equals(truth)) {
            return 1;
        }
        int interval = Math.floorMod(found.tonic() - truth.tonic(), 12);
        if (found.minor() == truth.minor() && (interval == 7 || interval == 5)) {
            return 0.5;
        }
        if (found.minor() != truth.minor()
                && found.camelot().replaceAll("[AB]", "").equals(truth.camelot().replaceAll("[AB]", ""))) {
            return 0.3;
        }
        return found.tonic() == truth.tonic() ? 0.2 : 0;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    static double parseFirstNumber(String output) {
        for (String token : output.trim().split("\\s+")) {
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException notANumber) {
                // labels such as "bpm"
            }
        }
        return Double.NaN;
    }

    private AudioBenchmark() {}
}
