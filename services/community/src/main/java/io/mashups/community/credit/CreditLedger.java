package io.mashups.community.credit;

import io.mashups.web.PageQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Credits, append-only: every entry records the amount and the user's balance after it. A user's entries are written
 * one at a time (a transaction-scoped advisory lock per user), and a source credits a user once.
 */
@ApplicationScoped
public class CreditLedger {
    /** Credits {@code amount} to a user once per {@code source}, in the caller's transaction. */
    public Uni<Void> credit(String userId, int amount, String reason, String source, OffsetDateTime at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('credits:' || ?1))) locked",
                                Integer.class)
                        .setParameter(1, userId)
                        .getSingleResult()
                        .chain(locked -> session.createNativeQuery("INSERT INTO credit_ledger "
                                        + "(user_id, amount, balance, reason, source, created_at) SELECT ?1, ?2, ?2 + "
                                        + "COALESCE((SELECT balance FROM credit_ledger WHERE user_id = ?1 ORDER BY id DESC LIMIT 1), 0), "
                                        + "?3, ?4, ?5 ON CONFLICT (user_id, source) DO NOTHING")
                                .setParameter(1, userId)
                                .setParameter(2, amount)
                                .setParameter(3, reason)
                                .setParameter(4, source)
                                .setParameter(5, at)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** The user's balance and their entries, newest first. */
    public Uni<Credits> statement(String userId, PageQuery paging) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT amount, balance, reason, source, created_at FROM credit_ledger WHERE user_id = ?1 "
                                        + "ORDER BY id DESC LIMIT ?2 OFFSET ?3",
                                Object[].class)
                        .setParameter(1, userId)
                        .setParameter(2, paging.size)
                        .setParameter(3, paging.index() * paging.size)
                        .getResultList()
                        .chain(rows -> session.createNativeQuery(
                                        "SELECT COALESCE((SELECT balance FROM credit_ledger WHERE user_id = ?1 "
                                                + "ORDER BY id DESC LIMIT 1), 0)",
                                        Long.class)
                                .setParameter(1, userId)
                                .getSingleResult()
                                .map(balance -> new Credits(balance, entries(rows))))));
    }

    private static List<Credits.Entry> entries(List<Object[]> rows) {
        return rows.stream()
                .map(row -> new Credits.Entry(
                        ((Number) row[0]).intValue(),
                        ((Number) row[1]).longValue(),
                        (String) row[2],
                        (String) row[3],
                        row[4] instanceof OffsetDateTime at ? at : OffsetDateTime.parse(row[4].toString())))
                .toList();
    }
}
