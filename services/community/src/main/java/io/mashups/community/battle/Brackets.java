package io.mashups.community.battle;

import io.mashups.community.bracket.BracketPlan;
import io.mashups.community.bracket.BracketProgress;
import io.mashups.community.bracket.BracketProgress.MatchState;
import io.mashups.community.bracket.BracketProgress.Status;
import io.mashups.community.bracket.Match;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Single and double elimination battles: seeding when voting starts, deciding each voting window's matches when it
 * closes, and finding the match a vote is for. Runs in the caller's session or transaction.
 */
@ApplicationScoped
public class Brackets {
    private final Random draws = new SecureRandom();

    /** A bracket battle's bracket as played so far, with its seeded entries (withdrawn ones included). */
    record Played(BracketPlan plan, List<BattleEntry> seeded, Map<String, String> decided) {
        BracketProgress progress() {
            return progress(decided);
        }

        /** The progress were these the voted matches' winners. */
        BracketProgress progress(Map<String, String> winners) {
            return BracketProgress.of(
                    plan,
                    seeded.stream().map(entry -> entry.id).toList(),
                    seeded.stream()
                            .filter(entry -> !entry.standing())
                            .map(entry -> entry.id)
                            .collect(Collectors.toSet()),
                    winners);
        }

        Map<String, BattleEntry> entries() {
            return seeded.stream().collect(Collectors.toMap(entry -> entry.id, entry -> entry));
        }
    }

    /**
     * Seeds a bracket as its voting starts: rated entrants by rating, best first, then the unrated in the order of a
     * random draw whose seed the battle keeps. Fewer than two entrants make no bracket (no windows).
     */
    Uni<Void> seed(Battle battle) {
        return BattleEntry.<BattleEntry>list(
                        "battleId = ?1 and withdrawnAt is null", Sort.ascending("arrival"), battle.id)
                .chain(entries -> BattleRatings.of(
                                entries.stream().map(entry -> entry.userId).toList())
                        .map(ratings -> {
                            // entries racing past the limit: the latest arrivals are turned away
                            for (BattleEntry late : entries.subList(
                                    Math.min(entries.size(), BracketPlan.MAX_ENTRANTS), entries.size())) {
                                late.withdrawnAt = OffsetDateTime.now(java.time.ZoneOffset.UTC);
                                late.withdrawnReason = "the bracket was full";
                            }
                            List<BattleEntry> admitted =
                                    entries.subList(0, Math.min(entries.size(), BracketPlan.MAX_ENTRANTS));
                            battle.drawSeed = draws.nextLong();
                            List<BattleEntry> order = seedOrder(admitted, ratings, battle.drawSeed);
                            for (int i = 0; i < order.size(); i++) {
                                order.get(i).seed = i + 1;
                            }
                            battle.bracketWindows = order.size() < BracketPlan.MIN_ENTRANTS
                                    ? 0
                                    : plan(battle, order.size()).slots();
                            return null;
                        }))
                // the seeds are read back by the queries deciding windows in the same transaction
                .chain(() -> Panache.getSession().chain(session -> session.flush()));
    }

    /** Entries in seed order: by rating, then (the unrated) shuffled by the draw. */
    static List<BattleEntry> seedOrder(List<BattleEntry> entries, Map<String, Double> ratings, long drawSeed) {
        List<BattleEntry> rated = entries.stream()
                .filter(entry -> ratings.containsKey(entry.userId))
                .sorted(Comparator.<BattleEntry>comparingDouble(entry -> -ratings.get(entry.userId))
                        .thenComparing(entry -> entry.arrival))
                .collect(Collectors.toCollection(ArrayList::new));
        List<BattleEntry> unrated = new ArrayList<>(entries.stream()
                .filter(entry -> !ratings.containsKey(entry.userId))
                .toList());
        Collections.shuffle(unrated, new Random(drawSeed));
        rated.addAll(unrated);
        return rated;
    }

    static BracketPlan plan(Battle battle, int entrants) {
        return battle.format == BattleFormat.DOUBLE
                ? BracketPlan.doubleElimination(entrants)
                : BracketPlan.single(entrants);
    }

    /** The bracket as played; null when the battle has none (not seeded yet, or too few entrants). */
    Uni<Played> played(Battle battle) {
        if (battle.bracketWindows == null || battle.bracketWindows == 0) {
            return Uni.createFrom().nullItem();
        }
        return BattleEntry.<BattleEntry>list("battleId = ?1 and seed is not null", Sort.ascending("seed"), battle.id)
                .chain(seeded ->
                        decided(battle.id).map(decided -> new Played(plan(battle, seeded.size()), seeded, decided)));
    }

    /**
     * Decides the matches of every window closed by {@code now} and not decided yet, window by window (a window's
     * winners are the next one's players), in the clock's transaction.
     */
    Uni<Void> decideClosed(Battle battle, Instant now) {
        if (battle.bracketWindows == null || battle.bracketWindows == 0) {
            return Uni.createFrom().voidItem();
        }
        int closed = battle.windowAt(now);
        if (closed <= battle.decidedWindows) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        return played(battle)
                .chain(played -> matchVotes(battle.id)
                        .chain(votes -> Tally.judgesMeans(battle.id).chain(means -> {
                            Map<String, String> decided = new HashMap<>(played.decided());
                            List<Object[]> rows = new ArrayList<>();
                            Map<String, BattleEntry> entries = played.entries();
                            for (int window = battle.decidedWindows; window < closed; window++) {
                                for (MatchState state : played.progress(decided).matches()) {
                                    if (state.match().slot() != window || state.status() != Status.OPEN) {
                                        continue;
                                    }
                                    long a =
                                            votes.getOrDefault(key(state.match().id(), state.a()), 0L);
                                    long b =
                                            votes.getOrDefault(key(state.match().id(), state.b()), 0L);
                                    String winner =
                                            winner(battle, entries.get(state.a()), a, entries.get(state.b()), b, means);
                                    decided.put(state.match().id(), winner);
                                    rows.add(new Object[] {state.match().id(), winner, a, b});
                                }
                            }
                            battle.decidedWindows = closed;
                            return store(battle.id, rows, at);
                        })));
    }

    /** The winner of a match: the better score (community share within the match and judges' mean), then the judges' mean, then the earlier entry. */
    static String winner(
            Battle battle, BattleEntry a, long votesA, BattleEntry b, long votesB, Map<String, Double> means) {
        long total = votesA + votesB;
        double scoreA = BattleCompletion.score(battle, total == 0 ? 0 : (double) votesA / total, means.get(a.id));
        double scoreB = BattleCompletion.score(battle, total == 0 ? 0 : (double) votesB / total, means.get(b.id));
        if (scoreA != scoreB) {
            return scoreA > scoreB ? a.id : b.id;
        }
        double meanA = means.getOrDefault(a.id, 0.0);
        double meanB = means.getOrDefault(b.id, 0.0);
        if (meanA != meanB) {
            return meanA > meanB ? a.id : b.id;
        }
        return a.arrival < b.arrival ? a.id : b.id;
    }

    /** The match a vote for {@code entryId} is for: its match open in the window open now. */
    Uni<String> openMatch(Battle battle, String entryId, String voterId, Instant now) {
        if (battle.bracketWindows == null) {
            return Uni.createFrom()
                    .failure(ProblemException.conflict("the bracket is being drawn; vote again in a moment"));
        }
        int window = battle.windowAt(now);
        return played(battle).map(played -> {
            MatchState open = played == null
                    ? null
                    : played.progress().matches().stream()
                            .filter(state -> state.status() == Status.OPEN
                                    && state.match().slot() == window
                                    && (entryId.equals(state.a()) || entryId.equals(state.b())))
                            .findFirst()
                            .orElse(null);
            if (open == null) {
                throw ProblemException.conflict("entry " + entryId + " has no match open for votes now");
            }
            Map<String, BattleEntry> entries = played.entries();
            if (entries.get(open.a()).userId.equals(voterId)
                    || entries.get(open.b()).userId.equals(voterId)) {
                throw ProblemException.forbidden("you cannot vote in a match you play in");
            }
            return open.match().id();
        });
    }

    /** Counted votes per (match, entry) of a bracket. */
    static Uni<Map<String, Long>> matchVotes(String battleId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT match_id, entry_id, count(*) FROM battle_votes WHERE battle_id = ?1 "
                                        + "AND match_id <> '' AND NOT held GROUP BY match_id, entry_id",
                                Object[].class)
                        .setParameter(1, battleId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(Collectors.toMap(
                                row -> key((String) row[0], (String) row[1]), row -> ((Number) row[2]).longValue())));
    }

    static String key(String matchId, String entryId) {
        return matchId + "/" + entryId;
    }

    private static Uni<Map<String, String>> decided(String battleId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT match_id, winner FROM battle_matches WHERE battle_id = ?1", Object[].class)
                        .setParameter(1, battleId)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1])));
    }

    private static Uni<Void> store(String battleId, List<Object[]> rows, OffsetDateTime at) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO battle_matches (battle_id, match_id, winner, votes_a, votes_b, decided_at) "
                                        + "SELECT ?1, m, w, a, b, ?6 FROM unnest(cast(?2 AS text[]), cast(?3 AS text[]), "
                                        + "cast(?4 AS bigint[]), cast(?5 AS bigint[])) AS given(m, w, a, b)")
                        .setParameter(1, battleId)
                        .setParameter(2, rows.stream().map(r -> (String) r[0]).toArray(String[]::new))
                        .setParameter(3, rows.stream().map(r -> (String) r[1]).toArray(String[]::new))
                        .setParameter(4, rows.stream().map(r -> (Long) r[2]).toArray(Long[]::new))
                        .setParameter(5, rows.stream().map(r -> (Long) r[3]).toArray(Long[]::new))
                        .setParameter(6, at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The games a bracket's voted matches were, in the order played, as (winner, loser) users. */
    static List<BattleRatings.Game> games(Played played) {
        Map<String, BattleEntry> entries = played.entries();
        return played.progress().matches().stream()
                .filter(state -> state.status() == Status.DECIDED)
                .sorted(Comparator.comparingInt(state -> state.match().slot()))
                .map(state -> new BattleRatings.Game(
                        entries.get(state.winner()).userId, entries.get(state.loser()).userId, 1))
                .toList();
    }

    /** The bracket as its view shows it: scores of a blind battle's matches only once their window has closed. */
    static BracketView view(
            Battle battle,
            Played played,
            Map<String, Long> votes,
            Map<String, PublicUser> users,
            Map<String, KnownMashup> mashups) {
        Map<String, BracketView.Entrant> entrants = new HashMap<>();
        for (BattleEntry entry : played.seeded()) {
            KnownMashup mashup = mashups.get(entry.mashupId);
            entrants.put(
                    entry.id,
                    new BracketView.Entrant(
                            entry.id,
                            entry.seed,
                            users.get(entry.userId),
                            new MashupRef(
                                    entry.mashupId,
                                    mashup == null ? null : mashup.title,
                                    mashup == null ? 0 : mashup.durationSec),
                            !entry.standing()));
        }
        Map<String, List<BracketView.MatchView>> rounds = new java.util.LinkedHashMap<>();
        for (MatchState state : played.progress().matches()) {
            Match match = state.match();
            boolean voted = !match.bye();
            boolean shown = battle.voting == VotingMode.OPEN || state.status() == Status.DECIDED;
            List<BracketView.Entrant> sides = new ArrayList<>();
            sides.add(state.a() == null ? null : entrants.get(state.a()));
            sides.add(state.b() == null ? null : entrants.get(state.b()));
            rounds.computeIfAbsent(match.part().wire() + " " + match.round(), key -> new ArrayList<>())
                    .add(new BracketView.MatchView(
                            match.id(),
                            state.status().wire(),
                            voted ? battle.windowStart(match.slot()) : null,
                            voted ? battle.windowStart(match.slot() + 1) : null,
                            sides,
                            voted && shown && state.a() != null && state.b() != null
                                    ? List.of(
                                            votes.getOrDefault(key(match.id(), state.a()), 0L),
                                            votes.getOrDefault(key(match.id(), state.b()), 0L))
                                    : null,
                            state.winner() == null || state.status() == Status.OPEN ? null : state.winner()));
        }
        List<BracketView.Round> views = rounds.entrySet().stream()
                .map(round -> {
                    String[] partAndNumber = round.getKey().split(" ");
                    return new BracketView.Round(
                            partAndNumber[0], Integer.parseInt(partAndNumber[1]), round.getValue());
                })
                .toList();
        return new BracketView(
                battle.id,
                battle.format.wire(),
                true,
                battle.drawSeed,
                views,
                played.progress().champion());
    }
}
