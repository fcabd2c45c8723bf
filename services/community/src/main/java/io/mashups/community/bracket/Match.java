package io.mashups.community.bracket;

/**
 * One match of a bracket plan. {@code b} is null for a bye (its one side advances without playing). {@code slot} is
 * the voting window the match is played in, counted from 0; a bye has none (-1) and is decided as soon as its side is
 * known.
 */
public record Match(String id, Part part, int round, int position, Source a, Source b, int slot) {
    /** Which part of the bracket a match belongs to. */
    public enum Part {
        WINNERS,
        LOSERS,
        /** The grand final of a double elimination, and its reset. */
        FINAL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean bye() {
        return b == null;
    }
}
