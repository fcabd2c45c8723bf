package io.mashups.audio.vocals;

/** The MIDI range a voice sings in comfortably; melodies are placed inside it. */
public record VocalRegister(int lowMidi, int highMidi) {
    /** The tonic of the pitch class nearest a sixth above the bottom, so a melody around it fits the range. */
    public int tonicMidi(int pitchClass) {
        int anchor = lowMidi + 5;
        int tonic = anchor - Math.floorMod(anchor - pitchClass, 12);
        return anchor - tonic > 6 ? tonic + 12 : tonic;
    }

    public double centreMidi() {
        return (lowMidi + highMidi) / 2.0;
    }
}
