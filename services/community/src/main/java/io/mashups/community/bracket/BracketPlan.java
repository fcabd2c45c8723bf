package io.mashups.community.bracket;

import io.mashups.community.bracket.Match.Part;
import io.mashups.community.bracket.Source.LoserOf;
import io.mashups.community.bracket.Source.Seed;
import io.mashups.community.bracket.Source.WinnerOf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matches of a single or double elimination bracket for 2 to 256 seeded entrants, before anyone plays.
 *
 * <p>The winners' bracket is the standard seeded one (seed 1 meets the lowest seed, and the top two can only meet in
 * the final) padded to a power of two: the missing entrants are byes, so byes go to the top seeds and exist only in
 * round one. In a double elimination each loser of the winners' bracket drops into the losers' bracket against the
 * survivor of the sibling half of the winners' bracket, so nobody meets, in the first losers' match after a drop, an
 * entrant from the part of the bracket they came through; only the winners' final's loser, whose part is everyone, can
 * meet someone again there. The losers' bracket's first round takes the first round's losers (and, when byes left
 * fewer of them than the second round's, that round's losers too) and is its only round with byes. The grand final
 * is reset, played again, when the losers' bracket's champion wins it.
 *
 * <p>Each match is played in a voting window, its slot: one after the latest of the matches it waits for.
 */
public final class BracketPlan {
    public static final int MIN_ENTRANTS = 2;
    public static final int MAX_ENTRANTS = 256;
    public static final String GRAND_FINAL = "GF";
    public static final String RESET = "GF-reset";

    private final int entrants;
    private final boolean doubleElimination;
    private final Map<String, Match> matches = new LinkedHashMap<>();
    /** The last slot whose decisions a match waits for before its winner can be known (a bye: its side's). */
    private final Map<String, Integer> readyAfter = new HashMap<>();

    private final String winnersFinal;
    private int slots;

    private BracketPlan(int entrants, boolean doubleElimination) {
        if (entrants < MIN_ENTRANTS || entrants > MAX_ENTRANTS) {
            throw new IllegalArgumentException(
                    "a bracket takes " + MIN_ENTRANTS + " to " + MAX_ENTRANTS + " entrants, not " + entrants);
        }
        this.entrants = entrants;
        this.doubleElimination = doubleElimination;
        int size = Integer.highestOneBit(entrants - 1) << 1;
        int rounds = Integer.numberOfTrailingZeros(size);
        winnersBracket(size, rounds);
        winnersFinal = id("W", rounds, 1);
        if (doubleElimination) {
            Source losersChampion = losersBracket(size, rounds);
            add(GRAND_FINAL, Part.FINAL, 1, 1, new WinnerOf(winnersFinal), losersChampion);
            // played only when the losers' champion won the final: its loser is then the winners' champion
            add(RESET, Part.FINAL, 2, 1, new LoserOf(GRAND_FINAL), new WinnerOf(GRAND_FINAL));
        }
    }

    public static BracketPlan single(int entrants) {
        return new BracketPlan(entrants, false);
    }

    public static BracketPlan doubleElimination(int entrants) {
        return new BracketPlan(entrants, true);
    }

    public int entrants() {
        return entrants;
    }

    public boolean isDouble() {
        return doubleElimination;
    }

    /** Every match, each after the ones it waits for. */
    public List<Match> matches() {
        return List.copyOf(matches.values());
    }

    public Match match(String id) {
        return matches.get(id);
    }

    /** How many voting windows the bracket needs (the reset's included). */
    public int slots() {
        return slots;
    }

    /** The match whose winner is the champion when no reset is played. */
    String deciding() {
        return doubleElimination ? GRAND_FINAL : winnersFinal;
    }

    /** Seed numbers in bracket order: seed s meets seed size + 1 - s in round one, recursively. */
    static int[] seedOrder(int size) {
        int[] order = {1};
        while (order.length < size) {
            int[] next = new int[order.length * 2];
            for (int i = 0; i < order.length; i++) {
                next[2 * i] = order[i];
                next[2 * i + 1] = next.length + 1 - order[i];
            }
            order = next;
        }
        return order;
    }

    private void winnersBracket(int size, int rounds) {
        int[] order = seedOrder(size);
        for (int j = 0; j < size / 2; j++) {
            int bottom = order[2 * j + 1];
            add(
                    id("W", 1, j + 1),
                    Part.WINNERS,
                    1,
                    j + 1,
                    new Seed(order[2 * j]),
                    bottom <= entrants ? new Seed(bottom) : null);
        }
        for (int round = 2; round <= rounds; round++) {
            for (int j = 0; j < size >> round; j++) {
                add(
                        id("W", round, j + 1),
                        Part.WINNERS,
                        round,
                        j + 1,
                        new WinnerOf(id("W", round - 1, 2 * j + 1)),
                        new WinnerOf(id("W", round - 1, 2 * j + 2)));
            }
        }
    }

    /**
     * The losers' bracket; returns where its champion comes from. Survivors are kept aligned with the winners'
     * bracket: before the drops of winners' round r arrive, survivor i holds the earlier losers of the part of the
     * bracket that winners' match i of round r was played in, and drop i meets survivor i xor 1.
     */
    private Source losersBracket(int size, int rounds) {
        if (rounds == 1) {
            return new LoserOf(winnersFinal);
        }
        int secondRound = size / 4;
        List<List<String>> playedFirst = new ArrayList<>();
        for (int i = 0; i < secondRound; i++) {
            List<String> played = new ArrayList<>();
            for (String first : List.of(id("W", 1, 2 * i + 1), id("W", 1, 2 * i + 2))) {
                if (!matches.get(first).bye()) {
                    played.add(first);
                }
            }
            playedFirst.add(played);
        }
        int firstRoundLosers = playedFirst.stream().mapToInt(List::size).sum();
        List<Source> survivors = new ArrayList<>();
        int round = 0;
        int nextDrops;
        if (firstRoundLosers >= secondRound) {
            // every part has a first-round loser: one survivor per part, by a play-in where there are two
            boolean playIns = firstRoundLosers > secondRound;
            round = playIns ? 1 : 0;
            for (int i = 0; i < secondRound; i++) {
                List<String> played = playedFirst.get(i);
                if (!playIns) {
                    survivors.add(new LoserOf(played.get(0)));
                    continue;
                }
                String id = id("L", 1, i + 1);
                add(
                        id,
                        Part.LOSERS,
                        1,
                        i + 1,
                        new LoserOf(played.get(0)),
                        played.size() > 1 ? new LoserOf(played.get(1)) : null);
                survivors.add(new WinnerOf(id));
            }
            nextDrops = 2;
        } else {
            // too few first-round losers: the second round's losers meet them at once, the others have a bye
            round = 1;
            for (int j = 0; j < secondRound; j++) {
                List<String> sibling = playedFirst.get(j ^ 1);
                String id = id("L", 1, j + 1);
                add(
                        id,
                        Part.LOSERS,
                        1,
                        j + 1,
                        new LoserOf(id("W", 2, j + 1)),
                        sibling.isEmpty() ? null : new LoserOf(sibling.get(0)));
                survivors.add(new WinnerOf(id));
            }
            nextDrops = 3;
        }
        for (int winnersRound = nextDrops; winnersRound <= rounds; winnersRound++) {
            int drops = size >> winnersRound;
            if (survivors.size() > drops) {
                round++;
                List<Source> paired = new ArrayList<>();
                for (int p = 0; p < drops; p++) {
                    String id = id("L", round, p + 1);
                    add(id, Part.LOSERS, round, p + 1, survivors.get(2 * p), survivors.get(2 * p + 1));
                    paired.add(new WinnerOf(id));
                }
                survivors = paired;
            }
            round++;
            List<Source> after = new ArrayList<>();
            for (int j = 0; j < drops; j++) {
                String id = id("L", round, j + 1);
                add(
                        id,
                        Part.LOSERS,
                        round,
                        j + 1,
                        new LoserOf(id("W", winnersRound, j + 1)),
                        survivors.get(drops == 1 ? 0 : j ^ 1));
                after.add(new WinnerOf(id));
            }
            survivors = after;
        }
        return survivors.get(0);
    }

    private void add(String id, Part part, int round, int position, Source a, Source b) {
        int waitsFor = Math.max(readyAfter(a), b == null ? -1 : readyAfter(b));
        int slot = b == null ? -1 : waitsFor + 1;
        matches.put(id, new Match(id, part, round, position, a, b, slot));
        readyAfter.put(id, b == null ? waitsFor : slot);
        slots = Math.max(slots, slot + 1);
    }

    private int readyAfter(Source source) {
        return source instanceof Seed ? -1 : readyAfter.get(Source.match(source));
    }

    private static String id(String part, int round, int position) {
        return part + round + "-" + position;
    }
}
