package io.mashups.audio.vocals;

import io.mashups.audio.dsp.MusicalKey;
import java.util.List;

/**
 * What a vocal sings: every syllable's note on the beat grid. Time 0 is a downbeat; the first phrase starts after a
 * bar of count-in, each phrase on a downbeat, and the vocal ends on a bar line.
 *
 * @param durationSec the whole vocal, a whole number of bars
 */
public record VocalPlan(double bpm, MusicalKey key, double durationSec, List<Note> notes) {
    /**
     * One syllable's note.
     *
     * @param midi MIDI pitch (69 = A4); fractional for no one, but a double to compare with tracked pitches
     */
    public record Note(Syllable syllable, double startSec, double durationSec, double midi) {
        public double endSec() {
            return startSec + durationSec;
        }

        public double hz() {
            return 440 * Math.pow(2, (midi - 69) / 12);
        }
    }

    public double beatSec() {
        return 60 / bpm;
    }

    /** Whether the note starts on a beat. */
    public boolean onBeat(Note note) {
        double beats = note.startSec() / beatSec();
        return Math.abs(beats - Math.round(beats)) < 1e-6;
    }

    public double barSec() {
        return 4 * beatSec();
    }
}
