package io.mashups.community.battle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mashups.community.bracket.BracketProgress;
import io.mashups.community.credit.CreditLedger;
import io.mashups.community.gamification.Badge;
import io.mashups.community.gamification.Gamification;
import io.mashups.community.gamification.XpRule;
import io.mashups.events.EventCatalog;
import io.mashups.events.community.BattleCompletedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a battle, in the transaction that moves it to completed: each standing entry's score is the weighting of
 * its share of the counted votes and its judges' mean (out of 10); an open battle is placed by score, a bracket by how
 * far each entrant got; ties go to the judges' mean, then to the earlier entry. Results, prizes on the credit ledger,
 * the players' ratings, the winner's XP and badge, and {@code community.battle-completed} are written together, once.
 */
@ApplicationScoped
public class BattleCompletion {
    private static final TypeReference<List<Integer>> CREDITS = new TypeReference<>() {};

    private final CreditLedger ledger;
    private final Outbox outbox;
    private final Brackets brackets;
    private final Gamification gamification;

    public BattleCompletion(CreditLedger ledger, Outbox outbox, Brackets brackets, Gamification gamification) {
        this.gamification = gamification;
        this.ledger = ledger;
        this.outbox = outbox;
        this.brackets = brackets;
    }

    /**
     * Decides the battle unless its results are stored already: a decision replayed (a battle put back to voting, as
     * a restore would) changes nothing, where it would otherwise fail on the results' keys at every tick.
     */
    Uni<Void> complete(Battle battle, OffsetDateTime at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT EXISTS (SELECT 1 FROM battle_results WHERE battle_id = ?1)", Boolean.class)
                        .setParameter(1, battle.id)
                        .getSingleResult())
                .chain(decided -> decided ? Uni.createFrom().voidItem() : decide(battle, at));
    }

    private Uni<Void> decide(Battle battle, OffsetDateTime at) {
        return BattleEntry.<BattleEntry>list("battleId = ?1 and withdrawnAt is null", battle.id)
                .chain(entries -> Tally.votes(battle.id)
                        .chain(votes -> Tally.judgesMeans(battle.id)
                                .chain(means -> brackets.played(battle).map(played -> {
                                    List<BattleCompletedV1.Place> places = places(
                                            battle, entries, votes, means, played == null ? null : reached(played));
                                    return new Outcome(places, played == null ? games(places) : Brackets.games(played));
                                }))))
                .call(outcome -> Multi.createFrom()
                        .iterable(outcome.places())
                        .onItem()
                        .transformToUniAndConcatenate(place -> record(battle, place, at))
                        .collect()
                        .last())
                .call(outcome -> BattleRatings.record(outcome.games(), at))
                .chain(outcome -> outbox.add(
                        EventCatalog.BATTLE_COMPLETED,
                        battle.id,
                        new BattleCompletedV1(
                                battle.id,
                                battle.title,
                                outcome.places().stream()
                                        .mapToLong(BattleCompletedV1.Place::votes)
                                        .sum(),
                                outcome.places(),
                                at.toInstant())))
                .replaceWithVoid();
    }

    private record Outcome(List<BattleCompletedV1.Place> places, List<BattleRatings.Game> games) {}

    /** How far each entrant of a bracket got: the window it was knocked out in, the champion above all. */
    private static Map<String, Integer> reached(Brackets.Played played) {
        BracketProgress progress = played.progress();
        Map<String, Integer> reached = new HashMap<>(progress.eliminated());
        reached.put(progress.champion(), Integer.MAX_VALUE);
        return reached;
    }

    /** An open battle's places as games: every pair, the better placed winning, each worth 1/(n-1) of a game. */
    private static List<BattleRatings.Game> games(List<BattleCompletedV1.Place> places) {
        List<BattleRatings.Game> games = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            for (int j = i + 1; j < places.size(); j++) {
                games.add(new BattleRatings.Game(
                        places.get(i).userId(), places.get(j).userId(), 1.0 / (places.size() - 1)));
            }
        }
        return games;
    }

    /** The weighting of a community share (0-1) and a judges' mean (1-10, or none), from 0 to 1. */
    static double score(Battle battle, double share, Double mean) {
        double judged = mean == null ? 0 : mean / 10;
        return (battle.communityWeight * share + battle.judgesWeight * judged)
                / (battle.communityWeight + battle.judgesWeight);
    }

    /**
     * Places: in an open battle by score; in a bracket by how far each got ({@code reached}). Ties go to the judges'
     * mean, then to the earlier entry.
     */
    static List<BattleCompletedV1.Place> places(
            Battle battle,
            List<BattleEntry> entries,
            Map<String, Long> votes,
            Map<String, Double> means,
            Map<String, Integer> reached) {
        long total =
                entries.stream().mapToLong(e -> votes.getOrDefault(e.id, 0L)).sum();
        List<Scored> scored = new ArrayList<>();
        for (BattleEntry entry : entries) {
            long counted = votes.getOrDefault(entry.id, 0L);
            Double mean = means.get(entry.id);
            scored.add(
                    new Scored(entry, counted, mean, score(battle, total == 0 ? 0 : (double) counted / total, mean)));
        }
        Comparator<Scored> first = reached == null
                ? Comparator.comparingDouble(Scored::score).reversed()
                : Comparator.comparingInt(s -> -reached.getOrDefault(s.entry().id, -1));
        scored.sort(first.thenComparing(s -> s.mean() == null ? 0 : s.mean(), Comparator.reverseOrder())
                .thenComparing(s -> s.entry().arrival));
        List<Integer> prizes = BattleService.read(battle.prizes, CREDITS);
        List<BattleCompletedV1.Place> places = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            places.add(new BattleCompletedV1.Place(
                    i + 1,
                    s.entry().id,
                    s.entry().userId,
                    s.entry().mashupId,
                    s.votes(),
                    s.mean(),
                    s.score(),
                    i < prizes.size() ? prizes.get(i) : 0));
        }
        return places;
    }

    private record Scored(BattleEntry entry, long votes, Double mean, double score) {}

    private Uni<Void> record(Battle battle, BattleCompletedV1.Place place, OffsetDateTime at) {
        Uni<Void> result = Panache.getSession()
                .chain(session -> session.createNativeQuery("INSERT INTO battle_results (battle_id, entry_id, user_id, "
                                + "place, votes, judges_score, score, prize) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                        .setParameter(1, battle.id)
                        .setParameter(2, place.entryId())
                        .setParameter(3, place.userId())
                        .setParameter(4, place.place())
                        .setParameter(5, place.votes())
                        .setParameter(6, place.judgesScore())
                        .setParameter(7, place.score())
                        .setParameter(8, place.prize())
                        .executeUpdate())
                .replaceWithVoid();
        Uni<Void> credited = place.prize() == 0
                ? result
                : result.chain(() -> ledger.credit(
                        place.userId(),
                        place.prize(),
                        ordinal(place.place()) + " place in " + battle.title,
                        "battle:" + battle.id,
                        at));
        return place.place() != 1
                ? credited
                : credited.chain(() -> gamification.won(
                        place.userId(), XpRule.BATTLE_WON, Badge.BATTLE_WINNER, "battle:" + battle.id, at.toInstant()));
    }

    private static String ordinal(int place) {
        int lastTwo = place % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch (place % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return place + suffix;
    }
}
