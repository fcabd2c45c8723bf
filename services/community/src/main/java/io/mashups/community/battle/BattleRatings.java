package io.mashups.community.battle;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Battle ratings (Elo): a bracket's voted matches are games between their two entrants, an open battle's places are
 * games between every pair (each worth 1/(n-1) of one). Read and written in the caller's transaction.
 */
final class BattleRatings {
    static final double START = 1500;
    private static final double K = 32;

    private BattleRatings() {}

    /** One game: the winner and the loser (user ids), and its weight. */
    record Game(String winner, String loser, double weight) {}

    /** The ratings of those who have one. */
    static Uni<Map<String, Double>> of(List<String> userIds) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT user_id, rating FROM battle_ratings WHERE user_id = ANY(?1)", Object[].class)
                        .setParameter(1, userIds.toArray(String[]::new))
                        .getResultList())
                .map(rows -> {
                    Map<String, Double> ratings = new HashMap<>();
                    rows.forEach(row -> ratings.put((String) row[0], ((Number) row[1]).doubleValue()));
                    return ratings;
                });
    }

    /** Applies the games in order to the players' ratings (the unrated start at {@value #START}). */
    static Map<String, Double> after(Map<String, Double> ratings, List<Game> games) {
        Map<String, Double> next = new HashMap<>(ratings);
        for (Game game : games) {
            double winner = next.getOrDefault(game.winner(), START);
            double loser = next.getOrDefault(game.loser(), START);
            double expected = 1 / (1 + Math.pow(10, (loser - winner) / 400));
            double change = K * game.weight() * (1 - expected);
            next.put(game.winner(), winner + change);
            next.put(game.loser(), loser - change);
        }
        return next;
    }

    /** Records the ratings of everyone who played, counting one more battle for each. */
    static Uni<Void> record(List<Game> games, OffsetDateTime at) {
        List<String> players = games.stream()
                .flatMap(game -> java.util.stream.Stream.of(game.winner(), game.loser()))
                .distinct()
                .toList();
        if (players.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return of(players).chain(ratings -> {
            Map<String, Double> next = after(ratings, games);
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "INSERT INTO battle_ratings (user_id, rating, battles, updated_at) SELECT u, r, 1, ?3 "
                                            + "FROM unnest(cast(?1 AS text[]), cast(?2 AS float8[])) AS given(u, r) "
                                            + "ON CONFLICT (user_id) DO UPDATE SET rating = excluded.rating, "
                                            + "battles = battle_ratings.battles + 1, updated_at = excluded.updated_at")
                            .setParameter(1, players.toArray(String[]::new))
                            .setParameter(2, players.stream().map(next::get).toArray(Double[]::new))
                            .setParameter(3, at)
                            .executeUpdate())
                    .replaceWithVoid();
        });
    }
}
