package io.mashups.community.battle;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a battle's votes and judges' scores add up to, read in the caller's session. */
final class Tally {
    /** The battle-wide vote of an open battle; a bracket's votes are per match. */
    static final String WHOLE_BATTLE = "";

    private Tally() {}

    /** Counted votes per entry, a bracket's matches together (held votes wait for review). */
    static Uni<Map<String, Long>> votes(String battleId) {
        return rows(
                        "SELECT entry_id, count(*) FROM battle_votes WHERE battle_id = ?1 AND NOT held GROUP BY entry_id",
                        battleId)
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** Votes held for review. */
    static Uni<Long> held(String battleId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT count(*) FROM battle_votes WHERE battle_id = ?1 AND held", Long.class)
                        .setParameter(1, battleId)
                        .getSingleResult());
    }

    /** Each scored entry's judges' mean over every judge and criterion (1-10). */
    static Uni<Map<String, Double>> judgesMeans(String battleId) {
        return rows("SELECT entry_id, avg(score) FROM judge_scores WHERE battle_id = ?1 GROUP BY entry_id", battleId)
                .map(rows -> {
                    Map<String, Double> means = new HashMap<>();
                    rows.forEach(row -> means.put((String) row[0], ((Number) row[1]).doubleValue()));
                    return means;
                });
    }

    static Uni<List<String>> judges(String battleId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT user_id FROM battle_judges WHERE battle_id = ?1 ORDER BY user_id", String.class)
                        .setParameter(1, battleId)
                        .getResultList());
    }

    private static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        });
    }
}
