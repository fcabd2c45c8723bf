package io.mashups.community.battle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mashups.community.credit.CreditLedger;
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
import java.util.List;
import java.util.Map;

/**
 * Decides a battle, in the transaction that moves it to completed: each standing entry's score is the weighting of
 * its share of the counted votes and its judges' mean (out of 10); ties go to the judges' mean, then to the earlier
 * entry. Results, prizes on the credit ledger and {@code community.battle-completed} are written together, once.
 */
@ApplicationScoped
public class BattleCompletion {
    private static final TypeReference<List<Integer>> CREDITS = new TypeReference<>() {};

    private final CreditLedger ledger;
    private final Outbox outbox;

    public BattleCompletion(CreditLedger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    Uni<Void> complete(Battle battle, OffsetDateTime at) {
        return BattleEntry.<BattleEntry>list("battleId = ?1 and withdrawnAt is null", battle.id)
                .chain(entries -> Tally.votes(battle.id)
                        .chain(votes ->
                                Tally.judgesMeans(battle.id).map(means -> places(battle, entries, votes, means))))
                .call(places -> Multi.createFrom()
                        .iterable(places)
                        .onItem()
                        .transformToUniAndConcatenate(place -> record(battle, place, at))
                        .collect()
                        .last())
                .chain(places -> outbox.add(
                        EventCatalog.BATTLE_COMPLETED,
                        battle.id,
                        new BattleCompletedV1(
                                battle.id,
                                battle.title,
                                places.stream()
                                        .mapToLong(BattleCompletedV1.Place::votes)
                                        .sum(),
                                places,
                                at.toInstant())))
                .replaceWithVoid();
    }

    static List<BattleCompletedV1.Place> places(
            Battle battle, List<BattleEntry> entries, Map<String, Long> votes, Map<String, Double> means) {
        long total =
                entries.stream().mapToLong(e -> votes.getOrDefault(e.id, 0L)).sum();
        double weights = battle.communityWeight + battle.judgesWeight;
        List<Scored> scored = new ArrayList<>();
        for (BattleEntry entry : entries) {
            long counted = votes.getOrDefault(entry.id, 0L);
            Double mean = means.get(entry.id);
            double share = total == 0 ? 0 : (double) counted / total;
            double judged = mean == null ? 0 : mean / 10;
            scored.add(new Scored(
                    entry, counted, mean, (battle.communityWeight * share + battle.judgesWeight * judged) / weights));
        }
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(s -> s.mean() == null ? 0 : s.mean(), Comparator.reverseOrder())
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
        return place.prize() == 0
                ? result
                : result.chain(() -> ledger.credit(
                        place.userId(),
                        place.prize(),
                        ordinal(place.place()) + " place in " + battle.title,
                        "battle:" + battle.id,
                        at));
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
