package io.mashups.audio.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A verse and a louder chorus in another key, back to back: the boundary between them is found on the bar line. */
class SectionsTest {
    @Test
    void findsTheBoundaryBetweenTwoDifferentSections() throws Exception {
        double bpm = 100;
        int bars = 12;
        SongSynth.Song verse = SongSynth.render(new SongSynth.Spec(bpm, 0, false, bars, false, 51));
        SongSynth.Song chorus = SongSynth.render(new SongSynth.Spec(bpm, 6, false, bars, true, 52));
        int junction = (int) Math.round(bars * 4 * 60 / bpm * SongSynth.RATE);
        float[][] verseMix = verse.mix();
        float[][] chorusMix = chorus.mix();
        float[][] song = new float[2][junction + chorusMix[0].length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < junction; i++) {
                song[c][i] = verseMix[c][i] * 0.35f;
            }
            System.arraycopy(chorusMix[c], 0, song[c], junction, chorusMix[c].length);
        }
        Path wav = Files.createTempFile("sections", ".wav");
        SongSynth.writeWav(song, wav);

        MusicAnalysis analysis = AudioAnalyzer.analyse(wav);
        double junctionSec = (double) junction / SongSynth.RATE;
        double barSec = 4 * 60 / bpm;
        assertEquals(0, analysis.sections()[0]);
        assertTrue(
                Arrays.stream(analysis.sections()).anyMatch(t -> Math.abs(t - junctionSec) < barSec / 2),
                "a boundary at " + junctionSec + " s among " + Arrays.toString(analysis.sections()));
        assertTrue(
                analysis.sections().length <= 4,
                "no boundary inside steady sections: " + Arrays.toString(analysis.sections()));
    }
}
