package io.mashups.audio.dsp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the 24 major and minor keys: a tonic pitch class (0 = C) and a mode. */
public record MusicalKey(int tonic, boolean minor) {
    private static final String[] NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final Pattern NAMED = Pattern.compile("([A-G])([#b]?)\\s*(m|min|minor|maj|major)?");
    private static final Pattern CAMELOT = Pattern.compile("(1[0-2]|[1-9])([AB])");

    public MusicalKey {
        tonic = Math.floorMod(tonic, 12);
    }

    /** "C major", "F# minor", "Bb major". */
    public String name() {
        return NAMES[tonic] + (minor ? " minor" : " major");
    }

    /** Position on the Camelot wheel: 1-12 plus A (minor) or B (major); C major is 8B, A minor 8A. */
    public String camelot() {
        int relativeMajor = minor ? tonic + 3 : tonic;
        return (Math.floorMod(relativeMajor * 7 + 7, 12) + 1) + (minor ? "A" : "B");
    }

    public MusicalKey transpose(int semitones) {
        return new MusicalKey(tonic + semitones, minor);
    }

    /** Keys that mix without clashing (the Camelot rule): the same key, its relative, or a neighbour a fifth away. */
    public boolean harmonicallyCompatible(MusicalKey other) {
        int number = Integer.parseInt(camelot().substring(0, camelot().length() - 1));
        int otherNumber =
                Integer.parseInt(other.camelot().substring(0, other.camelot().length() - 1));
        int distance = Math.floorMod(number - otherNumber, 12);
        if (minor == other.minor) {
            return distance == 0 || distance == 1 || distance == 11;
        }
        return distance == 0;
    }

    /** Parses "C major", "c#m", "Bb minor", "Am" or a Camelot code such as "8A". */
    public static Optional<MusicalKey> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher camelot = CAMELOT.matcher(trimmed.toUpperCase(Locale.ROOT));
        if (camelot.matches()) {
            boolean minor = camelot.group(2).equals("A");
            int relativeMajor = Math.floorMod((Integer.parseInt(camelot.group(1)) - 8) * 7, 12);
            return Optional.of(new MusicalKey(minor ? relativeMajor - 3 : relativeMajor, minor));
        }
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        Matcher named = NAMED.matcher(Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1));
        if (!named.matches()) {
            return Optional.empty();
        }
        int tonic = "C D EF G A B".indexOf(named.group(1));
        tonic += switch (named.group(2)) {
            case "#" -> 1;
            case "b" -> -1;
            default -> 0;
        };
        String mode = named.group(3) == null ? "" : named.group(3);
        return Optional.of(new MusicalKey(tonic, mode.equals("m") || mode.startsWith("min")));
    }

    @Override
    public String toString() {
        return name();
    }
}
