package io.mashups.audio.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.dsp.MusicalKey;
import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tempo and key accuracy on 24 synthesised songs spanning 70-170 BPM and all 24 keys, and tempo on 20 songs of 60-200
 * BPM with varied arrangements (their own kick patterns with off-beat kicks, bass lines on the off-beats, chord stabs, a
 * quarter of them swung), as played and in half time, analysed from encoded files exactly as uploads are. The
 * benchmark ({@code bench/run.sh}) measures the varied set's first 40 songs, these 20 among them, beside aubio.
 */
class AnalysisAccuracyTest {
    private static final List<Result> RESULTS = new ArrayList<>();
    private static final List<Result> VARIED = new ArrayList<>();
    private static final List<Result> HALF_TIME = new ArrayList<>();
    private static final int VARIED_SONGS = 20;

    record Result(SongSynth.Spec spec, MusicAnalysis analysis) {
        boolean tempoRight() {
            return Math.abs(analysis.bpm() - spec.bpm()) / spec.bpm() <= 0.02;
        }

        /** MIREX key score: exact 1, a fifth either way 0.5, relative 0.3, parallel 0.2. */
        double keyScore() {
            MusicalKey truth = new MusicalKey(spec.tonic(), spec.minor());
            MusicalKey found = analysis.key();
            if (found.equals(truth)) {
                return 1;
            }
            if (found.minor() == truth.minor()
                    && (Math.floorMod(found.tonic() - truth.tonic(), 12) == 7
                            || Math.floorMod(found.tonic() - truth.tonic(), 12) == 5)) {
                return 0.5;
            }
            if (found.minor() != truth.minor()
                    && found.camelot()
                            .replaceAll("[AB]", "")
                            .equals(truth.camelot().replaceAll("[AB]", ""))) {
                return 0.3;
            }
            return found.tonic() == truth.tonic() ? 0.2 : 0;
        }
    }

    /** Every song is analysed on its own (as uploads are, on worker threads), two at a time: one per core. */
    @BeforeAll
    static void analyseFixtures() throws Exception {
        Path dir = Files.createTempDirectory("analysis-fixtures");
        ExecutorService cores = Executors.newFixedThreadPool(2);
        try {
            SongSynth.Spec[] specs = SongSynth.standardSet(16);
            List<Future<MusicAnalysis>> standard = new ArrayList<>();
            for (SongSynth.Spec spec : specs) {
                standard.add(cores.submit(() -> analysed(dir, spec, SongSynth.Arrangement.STANDARD)));
            }
            SongSynth.Spec[] varied = SongSynth.variedSet(VARIED_SONGS, 2026, 16);
            List<Future<MusicAnalysis>> swung = new ArrayList<>();
            List<Future<MusicAnalysis>> halfTime = new ArrayList<>();
            for (SongSynth.Spec spec : varied) {
                swung.add(cores.submit(() -> analysed(dir, spec, SongSynth.Arrangement.variedWithSwing(spec.seed()))));
                halfTime.add(cores.submit(() -> analysed(
                        dir,
                        spec,
                        SongSynth.Arrangement.variedWithSwing(spec.seed()).inHalfTime())));
            }
            for (int i = 0; i < specs.length; i++) {
                MusicAnalysis analysis = standard.get(i).get();
                RESULTS.add(new Result(specs[i], analysis));
                System.out.printf(
                        "%6.2f BPM %-9s -> %6.2f BPM %-9s (%.2f)%n",
                        specs[i].bpm(),
                        new MusicalKey(specs[i].tonic(), specs[i].minor()).name(),
                        analysis.bpm(),
                        analysis.key().name(),
                        analysis.keyConfidence());
            }
            for (int i = 0; i < varied.length; i++) {
                VARIED.add(new Result(varied[i], swung.get(i).get()));
                System.out.printf(
                        "varied %6.2f BPM -> %6.2f BPM%n",
                        varied[i].bpm(), swung.get(i).get().bpm());
                HALF_TIME.add(new Result(varied[i], halfTime.get(i).get()));
                System.out.printf(
                        "half time %6.2f BPM -> %6.2f BPM%n",
                        varied[i].bpm(), halfTime.get(i).get().bpm());
            }
        } finally {
            cores.shutdownNow();
        }
    }

    private static MusicAnalysis analysed(Path dir, SongSynth.Spec spec, SongSynth.Arrangement arrangement)
            throws Exception {
        Path song = Files.createTempFile(dir, "song", "");
        Path wav = song.resolveSibling(song.getFileName() + ".wav");
        Path mp3 = song.resolveSibling(song.getFileName() + ".mp3");
        try {
            SongSynth.writeWav(SongSynth.render(spec, arrangement).mix(), wav);
            io.mashups.media.MediaTools.ffmpeg(List.of("-y", "-i", wav.toString(), "-b:a", "192k", mp3.toString()));
            return AudioAnalyzer.analyse(mp3);
        } finally {
            for (Path file : List.of(song, wav, mp3)) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void tempoWithinTwoPercentOnAtLeast95PercentOfSongs() {
        long right = RESULTS.stream().filter(Result::tempoRight).count();
        assertTrue(right >= Math.ceil(0.95 * RESULTS.size()), right + " of " + RESULTS.size() + " tempos within 2%");
    }

    /**
     * Off-beat kicks, bass and stabs once made every eighth look like a beat: 19 of the benchmark's 40 were right (double
     * or half counts as wrong) before the backbeat was read in the cymbal band; all 40 are now.
     */
    @Test
    void tempoWithinFourPercentOnAtLeast95PercentOfVariedArrangements() {
        long right = withinFourPercent("varied arrangements", VARIED);
        assertTrue(right >= Math.ceil(0.95 * VARIED.size()), right + " of " + VARIED.size() + " tempos within 4%");
    }

    /**
     * The same songs in half time (snare on beat 3 only) have the drums of songs at half their tempo; kick and bass
     * still moving in the tempo's eighths keep 6 of these 20 at their tempo (14 of the benchmark's 40, 2 before). Not
     * yet the 95% the other sets meet: this guards what is won.
     */
    @Test
    void halfTimeGroovesAreLessOftenReadAtHalfTheirTempo() {
        long right = withinFourPercent("half time", HALF_TIME);
        assertTrue(right >= 5, right + " of " + HALF_TIME.size() + " half-time tempos within 4%");
    }

    /** Double or half counts as wrong. */
    private static long withinFourPercent(String set, List<Result> results) {
        long right = results.stream()
                .filter(r ->
                        Math.abs(r.analysis().bpm() - r.spec().bpm()) / r.spec().bpm() <= 0.04)
                .count();
        System.out.printf("%s: %d of %d tempos within 4%%%n", set, right, results.size());
        return right;
    }

    /** Downbeats are judged on the songs whose tempo was found: at least 90% of them within 50 ms of a bar line. */
    @Test
    void downbeatsFallOnBarLines() {
        for (Result result : RESULTS) {
            double bar = 4 * 60 / result.spec().bpm();
            double[] downbeats = result.analysis().downbeats();
            long onBarLines = java.util.Arrays.stream(downbeats)
                    .filter(t -> Math.abs(t - Math.round(t / bar) * bar) <= 0.05)
                    .count();
            assertTrue(
                    downbeats.length >= result.spec().bars() - 2 && onBarLines >= 0.9 * downbeats.length,
                    result.spec() + ": " + onBarLines + " of " + downbeats.length + " downbeats on bar lines");
        }
    }

    @Test
    void keyExactOnAtLeast85PercentAndMirexScoreAtLeast085() {
        long exact = RESULTS.stream().filter(r -> r.keyScore() == 1).count();
        double mirex = RESULTS.stream().mapToDouble(Result::keyScore).average().orElse(0);
        assertTrue(exact >= Math.ceil(0.85 * RESULTS.size()), exact + " of " + RESULTS.size() + " keys exact");
        assertTrue(mirex >= 0.85, "MIREX weighted key score " + mirex);
    }
}
