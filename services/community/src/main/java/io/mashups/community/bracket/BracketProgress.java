package io.mashups.community.bracket;

import io.mashups.community.bracket.Source.Seed;
import io.mashups.community.bracket.Source.WinnerOf;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bracket as far as it is played: who is in each match, and who won it. Only voted matches' winners are stored; a
 * bye is won by its one side, a match with a withdrawn entrant is a forfeit won by the other (both withdrawn: the
 * better seed goes on, to forfeit the next one), and the grand final's reset is played only when the losers'
 * champion won the final.
 */
public final class BracketProgress {
    /** Where a match stands. */
    public enum Status {
        /** A side is not known yet. */
        WAITING,
        /** Both sides known: voted on in its window. */
        OPEN,
        DECIDED,
        BYE,
        FORFEIT,
        /** The reset when the winners' champion won the grand final. */
        NOT_NEEDED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Whether the match has a winner. */
        public boolean settled() {
            return this == DECIDED || this == BYE || this == FORFEIT;
        }
    }

    /** One match now: its sides (entry ids, null while unknown) and winner. */
    public record MatchState(Match match, String a, String b, Status status, String winner) {
        /** The side that lost, when a match was played or forfeited. */
        public String loser() {
            if (winner == null || b == null) {
                return null;
            }
            return winner.equals(a) ? b : a;
        }
    }

    private final BracketPlan plan;
    private final Map<String, MatchState> states = new LinkedHashMap<>();

    private BracketProgress(BracketPlan plan) {
        this.plan = plan;
    }

    /**
     * @param seeded the entry ids, top seed first
     * @param withdrawn entries withdrawn so far
     * @param decided the winners of matches decided by votes, by match id
     */
    public static BracketProgress of(
            BracketPlan plan, List<String> seeded, Set<String> withdrawn, Map<String, String> decided) {
        if (seeded.size() != plan.entrants()) {
            throw new IllegalArgumentException(
                    "the bracket is planned for " + plan.entrants() + " entrants, not " + seeded.size());
        }
        BracketProgress progress = new BracketProgress(plan);
        for (Match match : plan.matches()) {
            progress.states.put(match.id(), progress.resolve(match, seeded, withdrawn, decided.get(match.id())));
        }
        return progress;
    }

    private MatchState resolve(Match match, List<String> seeded, Set<String> withdrawn, String decided) {
        if (match.id().equals(BracketPlan.RESET)) {
            MatchState last = states.get(BracketPlan.GRAND_FINAL);
            if (last.winner() != null && last.winner().equals(last.a())) {
                return new MatchState(match, null, null, Status.NOT_NEEDED, null);
            }
        }
        String a = side(match.a(), seeded);
        if (match.bye()) {
            return new MatchState(match, a, null, a == null ? Status.WAITING : Status.BYE, a);
        }
        String b = side(match.b(), seeded);
        if (a == null || b == null) {
            return new MatchState(match, a, b, Status.WAITING, null);
        }
        if (decided != null) {
            if (!decided.equals(a) && !decided.equals(b)) {
                throw new IllegalArgumentException(decided + " is not in match " + match.id());
            }
            return new MatchState(match, a, b, Status.DECIDED, decided);
        }
        if (withdrawn.contains(a) || withdrawn.contains(b)) {
            return new MatchState(match, a, b, Status.FORFEIT, withdrawn.contains(a) && !withdrawn.contains(b) ? b : a);
        }
        return new MatchState(match, a, b, Status.OPEN, null);
    }

    private String side(Source source, List<String> seeded) {
        if (source instanceof Seed seed) {
            return seeded.get(seed.seed() - 1);
        }
        MatchState earlier = states.get(Source.match(source));
        return source instanceof WinnerOf ? earlier.winner() : earlier.loser();
    }

    public List<MatchState> matches() {
        return List.copyOf(states.values());
    }

    public MatchState match(String id) {
        return states.get(id);
    }

    /** The champion, once the bracket is decided; null before. */
    public String champion() {
        if (plan.isDouble()) {
            MatchState reset = states.get(BracketPlan.RESET);
            if (reset.status() != Status.NOT_NEEDED) {
                return reset.winner();
            }
        }
        return states.get(plan.deciding()).winner();
    }

    /**
     * The window each entrant was knocked out in (by its first loss in a single elimination, its second in a double);
     * the champion is not in it. A later window is a better place.
     */
    public Map<String, Integer> eliminated() {
        int lives = plan.isDouble() ? 2 : 1;
        Map<String, Integer> losses = new HashMap<>();
        Map<String, Integer> out = new HashMap<>();
        for (MatchState state : states.values()) {
            String loser = state.loser();
            if (loser != null && losses.merge(loser, 1, Integer::sum) == lives) {
                out.put(loser, state.match().slot());
            }
        }
        return out;
    }
}
