package io.mashups.community.bracket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.community.bracket.BracketProgress.MatchState;
import io.mashups.community.bracket.BracketProgress.Status;
import io.mashups.community.bracket.Match.Part;
import io.mashups.community.bracket.Source.LoserOf;
import io.mashups.community.bracket.Source.Seed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Brackets, property-tested for every entrant count from 2 to 256, single and double elimination: each is played to
 * the end window by window with random winners (and, in some runs, entrants withdrawn), and what must hold of every
 * bracket is checked on the way.
 */
class BracketTest {
    private static final int RUNS = 4;

    @Test
    void everySingleEliminationFrom2To256() {
        for (int entrants = BracketPlan.MIN_ENTRANTS; entrants <= BracketPlan.MAX_ENTRANTS; entrants++) {
            BracketPlan plan = BracketPlan.single(entrants);
            checkPlan(plan);
            for (int run = 0; run < RUNS; run++) {
                play(plan, new Random(entrants * 31L + run), run % 2 == 1);
            }
        }
    }

    @Test
    void everyDoubleEliminationFrom2To256() {
        for (int entrants = BracketPlan.MIN_ENTRANTS; entrants <= BracketPlan.MAX_ENTRANTS; entrants++) {
            BracketPlan plan = BracketPlan.doubleElimination(entrants);
            checkPlan(plan);
            for (int run = 0; run < RUNS; run++) {
                play(plan, new Random(entrants * 37L + run), run % 2 == 1);
            }
        }
    }

    @Test
    void eightEntrantsMeetAsTheSeedsSay() {
        BracketPlan plan = BracketPlan.single(8);
        List<String> firstRound = plan.matches().stream()
                .filter(match -> match.round() == 1)
                .map(match -> ((Seed) match.a()).seed() + "v" + ((Seed) match.b()).seed())
                .toList();
        assertEquals(List.of("1v8", "4v5", "2v7", "3v6"), firstRound);
        assertEquals(3, plan.slots());
    }

    @Test
    void theResetIsPlayedExactlyWhenTheLosersChampionWinsTheFinal() {
        BracketPlan plan = BracketPlan.doubleElimination(2);
        List<String> seeded = List.of("top", "other");
        // top wins the winners' final, so other comes through the losers' side
        Map<String, String> decided = new HashMap<>(Map.of("W1-1", "top"));
        decided.put(BracketPlan.GRAND_FINAL, "top");
        BracketProgress noReset = BracketProgress.of(plan, seeded, Set.of(), decided);
        assertEquals(Status.NOT_NEEDED, noReset.match(BracketPlan.RESET).status());
        assertEquals("top", noReset.champion());

        decided.put(BracketPlan.GRAND_FINAL, "other");
        BracketProgress reset = BracketProgress.of(plan, seeded, Set.of(), decided);
        assertEquals(Status.OPEN, reset.match(BracketPlan.RESET).status());
        assertEquals(null, reset.champion());
        decided.put(BracketPlan.RESET, "top");
        assertEquals("top", BracketProgress.of(plan, seeded, Set.of(), decided).champion());
    }

    @Test
    void aWithdrawnEntrantForfeitsEveryMatchItWouldPlay() {
        BracketPlan plan = BracketPlan.doubleElimination(4);
        List<String> seeded = List.of("s1", "s2", "s3", "s4");
        BracketProgress progress = BracketProgress.of(plan, seeded, Set.of("s4"), Map.of());
        MatchState first = progress.match("W1-1");
        assertEquals(Status.FORFEIT, first.status());
        assertEquals("s1", first.winner());
        // it drops to the losers' bracket and forfeits there too, once its opponent is known
        assertEquals(Status.WAITING, progress.match("L1-1").status());
        progress = BracketProgress.of(plan, seeded, Set.of("s4"), Map.of("W1-2", "s3"));
        assertEquals(Status.FORFEIT, progress.match("L1-1").status());
        assertEquals("s2", progress.match("L1-1").winner());
    }

    @Test
    void sizesOutsideTwoTo256AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BracketPlan.single(1));
        assertThrows(IllegalArgumentException.class, () -> BracketPlan.doubleElimination(257));
        BracketPlan plan = BracketPlan.single(3);
        assertThrows(
                IllegalArgumentException.class, () -> BracketProgress.of(plan, List.of("a", "b"), Set.of(), Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> BracketProgress.of(plan, List.of("a", "b", "c"), Set.of(), Map.of("W1-2", "a")));
    }

    /** What holds of the plan before anyone plays. */
    private static void checkPlan(BracketPlan plan) {
        int size = Integer.highestOneBit(plan.entrants() - 1) << 1;
        Set<Integer> byeSeeds = new HashSet<>();
        Map<String, Integer> slots = new HashMap<>();
        for (Match match : plan.matches()) {
            if (match.bye()) {
                assertEquals(1, match.round(), match.id() + ": byes only in the first round");
                assertNotEquals(Part.FINAL, match.part());
                if (match.part() == Part.WINNERS) {
                    byeSeeds.add(((Seed) match.a()).seed());
                }
            } else {
                for (Source side : List.of(match.a(), match.b())) {
                    String earlier = Source.match(side);
                    if (earlier != null) {
                        assertTrue(
                                slots.get(earlier) < match.slot(),
                                match.id() + " is played after " + earlier + " decides it");
                    }
                }
            }
            slots.put(match.id(), match.bye() ? waitsFor(plan, match, slots) : match.slot());
        }
        assertEquals(
                IntStream.rangeClosed(1, size - plan.entrants()).boxed().collect(java.util.stream.Collectors.toSet()),
                byeSeeds,
                plan.entrants() + " entrants: the byes go to the top seeds");
    }

    private static int waitsFor(BracketPlan plan, Match bye, Map<String, Integer> slots) {
        String earlier = Source.match(bye.a());
        return earlier == null ? -1 : slots.get(earlier);
    }

    /** Plays a bracket window by window with random winners and checks it on the way and at the end. */
    private static void play(BracketPlan plan, Random random, boolean withdrawals) {
        int n = plan.entrants();
        List<String> seeded =
                IntStream.rangeClosed(1, n).mapToObj(seed -> "e" + seed).toList();
        Set<String> withdrawn = new HashSet<>();
        if (withdrawals) {
            for (int i = random.nextInt(Math.max(1, n / 4)) + 1; i > 0 && withdrawn.size() < n - 1; i--) {
                withdrawn.add(seeded.get(random.nextInt(n)));
            }
        }
        Map<String, String> decided = new HashMap<>();
        Set<String> met = new HashSet<>();
        int winnersRounds = Integer.numberOfTrailingZeros(Integer.highestOneBit(n - 1) << 1);
        String label = (plan.isDouble() ? "double " : "single ") + n + (withdrawals ? " with withdrawals" : "");
        for (int slot = 0; slot < plan.slots(); slot++) {
            BracketProgress progress = BracketProgress.of(plan, seeded, withdrawn, decided);
            for (MatchState state : progress.matches()) {
                if (state.match().slot() != slot || state.status() == Status.NOT_NEEDED) {
                    continue;
                }
                assertNotEquals(
                        Status.WAITING,
                        state.status(),
                        label + ": " + state.match().id() + " is ready in its window");
                if (state.status() == Status.FORFEIT) {
                    assertTrue(withdrawn.contains(state.loser()), label + ": only a withdrawn entrant forfeits");
                    assertTrue(
                            !withdrawn.contains(state.winner()) || withdrawn.contains(state.loser()),
                            label + ": a forfeit goes to the entrant still in");
                    continue;
                }
                assertFalse(
                        withdrawn.contains(state.a()) || withdrawn.contains(state.b()),
                        label + ": withdrawn entrants are not voted on");
                Match match = state.match();
                if (match.part() == Part.LOSERS && match.a() instanceof LoserOf drop) {
                    int fromRound = plan.match(drop.match()).round();
                    if (plan.match(drop.match()).part() == Part.WINNERS && fromRound < winnersRounds) {
                        assertFalse(
                                met.contains(pair(state.a(), state.b())),
                                label + ": " + match.id() + " is a rematch right after " + state.a() + " dropped");
                    }
                }
                String winner = random.nextBoolean() ? state.a() : state.b();
                decided.put(match.id(), winner);
                met.add(pair(state.a(), state.b()));
            }
        }
        BracketProgress end = BracketProgress.of(plan, seeded, withdrawn, decided);
        String champion = end.champion();
        assertNotNull(champion, label + ": a champion");
        Map<String, Integer> losses = new HashMap<>();
        Set<String> played = new HashSet<>();
        int matchesPlayed = 0;
        for (MatchState state : end.matches()) {
            assertTrue(
                    state.status().settled() || state.status() == Status.NOT_NEEDED,
                    label + ": " + state.match().id() + " settled");
            if (state.status() == Status.BYE) {
                continue;
            }
            if (state.status().settled()) {
                matchesPlayed++;
                played.add(state.a());
                played.add(state.b());
                losses.merge(state.loser(), 1, Integer::sum);
            }
        }
        assertEquals(n, played.size(), label + ": every entrant plays");
        Map<String, Integer> eliminated = end.eliminated();
        assertEquals(n - 1, eliminated.size(), label + ": everyone but the champion is knocked out");
        assertFalse(eliminated.containsKey(champion), label + ": one champion");
        int lives = plan.isDouble() ? 2 : 1;
        for (String entrant : seeded) {
            int lost = losses.getOrDefault(entrant, 0);
            if (entrant.equals(champion)) {
                assertTrue(lost < lives, label + ": the champion is not knocked out");
            } else {
                assertEquals(lives, lost, label + ": " + entrant + " is out after " + lives + " losses");
            }
        }
        MatchState reset = plan.isDouble() ? end.match(BracketPlan.RESET) : null;
        boolean resetPlayed = reset != null && reset.status() != Status.NOT_NEEDED;
        if (reset != null) {
            MatchState last = end.match(BracketPlan.GRAND_FINAL);
            assertEquals(
                    last.winner().equals(last.b()),
                    resetPlayed,
                    label + ": the reset follows a losers' champion's win");
        }
        int expected = plan.isDouble() ? 2 * n - 2 + (resetPlayed ? 1 : 0) : n - 1;
        assertEquals(expected, matchesPlayed, label + ": matches played");
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
