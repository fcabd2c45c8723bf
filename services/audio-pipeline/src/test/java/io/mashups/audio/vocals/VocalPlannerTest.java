package io.mashups.audio.vocals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.dsp.MusicalKey;
import io.mashups.media.MediaTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VocalPlannerTest {
    private static final VocalRegister ALTO = new VocalRegister(55, 72);

    @Test
    void syllablesFollowEspeaksPronunciation(@TempDir Path dir) throws Exception {
        List<List<Syllable>> lines =
                new Syllabifier("en-us").lines(List.of("beautiful hyphenation", "fire button little", "", "42"), dir);
        assertEquals(List.of(3, 4), counts(lines.get(0), "beautiful hyphenation"));
        assertEquals(3, lines.size(), "a line espeak-ng says nothing for is left out");
        assertEquals(5, lines.get(1).size(), "fire (1), button (2), little (2)");
        assertEquals(3, lines.get(2).size(), "42 is said as forty-two");
        assertTrue(lines.get(0).get(0).wordStart() && lines.get(0).get(0).stressed());
        assertEquals("bj'u:", lines.get(0).get(0).phonemes());
    }

    @ParameterizedTest(name = "{0} at {1} bpm")
    @CsvSource({"C major, 96", "F# minor, 140", "Bb major, 63"})
    void aComposedMelodyIsInTheKeyOnTheBeatAndEndsItsPhrasesOnTheTonic(String name, double bpm) {
        MusicalKey key = MusicalKey.parse(name).orElseThrow();
        List<List<Syllable>> lines = List.of(syllables(7), syllables(15), syllables(4));
        VocalPlan plan = VocalPlanner.sing(lines, bpm, key, ALTO, null, 3);
        double beat = 60 / bpm;
        Set<Integer> scale = scale(key);
        assertEquals(26, plan.notes().size());
        for (VocalPlan.Note note : plan.notes()) {
            int pitchClass = Math.floorMod((int) note.midi() - key.tonic(), 12);
            assertTrue(scale.contains(pitchClass), note + " is in " + key);
            assertTrue(isMultiple(note.startSec(), beat / 2), note + " starts on an eighth");
            assertTrue(note.midi() >= ALTO.lowMidi() - 5 && note.midi() <= ALTO.highMidi() + 5, note + " is singable");
        }
        int index = 0;
        for (List<Syllable> line : lines) {
            VocalPlan.Note first = plan.notes().get(index);
            VocalPlan.Note last = plan.notes().get(index + line.size() - 1);
            assertTrue(isMultiple(first.startSec(), plan.barSec()), "a phrase starts on a downbeat");
            assertEquals(0, Math.floorMod((int) last.midi() - key.tonic(), 12), "a phrase ends on the tonic");
            assertEquals(2 * beat, last.durationSec(), 1e-9, "held for two beats");
            index += line.size();
        }
        assertTrue(isMultiple(plan.durationSec(), plan.barSec()), "the vocal ends on a bar line");
    }

    @Test
    void rapSitsOnSixteenthsWithAFlatLine() {
        MusicalKey key = MusicalKey.parse("A minor").orElseThrow();
        VocalPlan plan = VocalPlanner.rap(List.of(syllables(9), syllables(12)), 92, key, ALTO);
        double sixteenth = 15.0 / 92;
        Set<Double> pitches = new java.util.TreeSet<>();
        for (VocalPlan.Note note : plan.notes()) {
            assertTrue(isMultiple(note.startSec(), sixteenth), note + " on a sixteenth");
            pitches.add(note.midi());
        }
        assertEquals(2, pitches.size(), "the tonic, and the third for accents: " + pitches);
        VocalPlan fast = VocalPlanner.rap(List.of(syllables(9)), 160, key, ALTO);
        assertEquals(
                30.0 / 160,
                fast.notes().get(2).startSec() - fast.notes().get(1).startSec(),
                1e-9,
                "too fast for sixteenths: eighths");
    }

    @Test
    void aReferenceMelodyIsFollowedInTheKeyAndTheVoicesOctave(@TempDir Path dir) throws Exception {
        // a hummed reference, an octave below the alto's range and a little sharp: A2, C3, E3, D3 (each 0.625 s)
        Path reference = dir.resolve("hum.wav");
        MediaTools.ffmpeg(List.of(
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=110.4:duration=0.625",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=131.2:duration=0.625",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=165.2:duration=0.625",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=147.2:duration=0.625",
                "-filter_complex",
                "[0][1][2][3]concat=n=4:v=0:a=1",
                reference.toString()));
        MelodyContour contour = MelodyContour.of(reference, dir).orElseThrow();
        MusicalKey key = MusicalKey.parse("A minor").orElseThrow();
        VocalPlan plan = VocalPlanner.sing(List.of(syllables(4)), 96, key, ALTO, contour, 1);
        List<Double> sung = plan.notes().stream().map(VocalPlan.Note::midi).toList();
        assertEquals(List.of(57.0, 60.0, 64.0, 62.0), sung, "A3 C4 E4 D4: the reference an octave up, in tune");

        Path noise = dir.resolve("silence.wav");
        MediaTools.ffmpeg(List.of("-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "2", noise.toString()));
        assertTrue(MelodyContour.of(noise, dir).isEmpty(), "silence has no melody to follow");
    }

    private static List<Integer> counts(List<Syllable> syllables, String text) {
        List<Integer> counts = new ArrayList<>();
        for (Syllable syllable : syllables) {
            if (syllable.wordStart()) {
                counts.add(0);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        return counts;
    }

    private static List<Syllable> syllables(int count) {
        List<Syllable> syllables = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            syllables.add(new Syllable("la", i % 3 == 0, i % 2 == 0));
        }
        return syllables;
    }

    private static Set<Integer> scale(MusicalKey key) {
        // minor melodies reach the tonic through the raised seventh (harmonic minor)
        return key.minor() ? Set.of(0, 2, 3, 5, 7, 8, 10, 11) : Set.of(0, 2, 4, 5, 7, 9, 11);
    }

    private static boolean isMultiple(double value, double unit) {
        double units = value / unit;
        return Math.abs(units - Math.round(units)) < 1e-6;
    }
}
