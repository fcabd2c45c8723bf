package io.mashups.community.bracket;

/** Where one side of a match comes from: a seed, or the winner or loser of an earlier match. */
public sealed interface Source {
    /** The entrant seeded {@code seed} (1 is the top seed). */
    record Seed(int seed) implements Source {}

    record WinnerOf(String match) implements Source {}

    record LoserOf(String match) implements Source {}

    /** The earlier match a side comes from; null for a seed. */
    static String match(Source source) {
        if (source instanceof WinnerOf winner) {
            return winner.match();
        }
        return source instanceof LoserOf loser ? loser.match() : null;
    }
}
