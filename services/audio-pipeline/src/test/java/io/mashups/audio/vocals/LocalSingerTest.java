package io.mashups.audio.vocals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalSingerTest {
    static final List<String> SONG = List.of(
            "Under the silver lights we wander home",
            "Every little heartbeat calling out your name",
            "Hold on, the morning's coming soon");

    @ParameterizedTest(name = "{0} at {1} bpm in {2}, {3}")
    @CsvSource({"singing, 100, C major, alto", "singing, 72, F# minor, baritone", "rap, 92, A minor, tenor"})
    void singsOnItsNotesAndOnTheBeat(String style, double bpm, String key, String voice, @TempDir Path dir)
            throws Exception {
        VocalTask task = new VocalTask(
                SONG,
                VocalStyle.parse(style).orElseThrow(),
                voice,
                bpm,
                MusicalKey.parse(key).orElseThrow(),
                null,
                7);
        long started = System.nanoTime();
        VocalEngine.Sung sung = new LocalSinger().sing(task, SungMeasures.context(dir));
        double seconds = (System.nanoTime() - started) / 1e9;
        SungMeasures.Figures figures = SungMeasures.measure(sung.audio(), sung.plan());
        System.out.printf(
                "%s %s: %s; %.1f s of vocal in %.1f s%n",
                style, key, figures, sung.plan().durationSec(), seconds);
        assertTrue(figures.medianCents() < 50, figures.toString());
        if (task.style() == VocalStyle.SINGING) { // judged on singing; rap's sixteenths are shorter than aubio's window
            assertTrue(figures.syllablesInTune() >= 0.9, figures.toString());
        }
        assertTrue(figures.medianOnsetMs() < 50, figures.toString());
        assertTrue(Math.abs(figures.durationRatio() - 1) < 0.05, figures.toString());
    }

    /**
     * A vocal fitted to a mashup keeps its tempo (the onsets heard, fitted to the beats they were planned on) and its
     * key (the project's own key estimator). The analyser's tempo is printed too: on a solo vocal it may pick half
     * time, its backbeat check being made for full mixes.
     */
    @ParameterizedTest(name = "{0} at {1} bpm, {2}")
    @CsvSource({
        "singing, 123, E minor, alto",
        "singing, 87.5, Bb major, tenor",
        "singing, 104, D major, soprano",
        "singing, 76, C# minor, baritone",
        "rap, 96, G minor, tenor",
        "rap, 88, E minor, alto",
        "rap, 110, C major, baritone",
        "rap, 120, F major, soprano",
        "rap, 100, B minor, baritone"
    })
    void theAnalyserHearsTheTempoAndKeyItWasSungIn(
            String style, double bpm, String key, String voice, @TempDir Path dir) throws Exception {
        MusicalKey musicalKey = MusicalKey.parse(key).orElseThrow();
        VocalTask task = new VocalTask(SONG, VocalStyle.parse(style).orElseThrow(), voice, bpm, musicalKey, null, 11);
        VocalEngine.Sung sung = new LocalSinger().sing(task, SungMeasures.context(dir));
        MusicAnalysis analysis = AudioAnalyzer.analyse(sung.audio());
        double tempo = SungMeasures.tempoFromOnsets(sung.audio(), sung.plan());
        System.out.printf(
                "fitted to %.1f bpm %s: onsets at %.2f bpm, the analyser hears %.2f bpm in %s%n",
                bpm, key, tempo, analysis.bpm(), analysis.key());
        assertEquals(bpm, tempo, bpm * 0.01, "tempo");
        assertEquals(musicalKey, analysis.key(), "key");
    }
}
