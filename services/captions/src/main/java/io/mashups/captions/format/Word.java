package io.mashups.captions.format;

/** A word with its time in the audio (seconds) and the engine's confidence (0-1). */
public record Word(double start, double end, String word, double confidence) {
    public Word {
        if (!(end >= start) || start < 0) {
            throw new IllegalArgumentException("a word's end must not precede its start: " + start + ".." + end);
        }
    }

    /** Ends a sentence or clause: a natural place for a cue or line break. */
    boolean endsPhrase() {
        return word.matches(".*[.,;:!?\u2026)\"]$");
    }

    boolean endsSentence() {
        return word.matches(".*[.!?\u2026]\"?$");
    }
}
