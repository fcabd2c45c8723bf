package io.mashups.community.battle;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Moves battles to the phase their times give: upcoming, active, voting, completed. Each tick claims the battles due
 * (locking them; a replica waits while another holds one) and moves each from the status it has, read after the lock,
 * deciding a completed one in the same transaction: every transition happens once however many replicas tick
 * together, at most one period after its time, and a replica that dies mid-way leaves the battle as it was.
 */
@ApplicationScoped
public class BattleClock {
    private static final Logger LOG = Logger.getLogger(BattleClock.class);
    /** Battles whose phase is due to change, and brackets with a voting window closed and not decided. */
    private static final String DUE = "SELECT id FROM (SELECT id, status, entries_end_at, voting_end_at, "
            + "bracket_windows, decided_windows, CASE WHEN ?1 >= voting_end_at "
            + "THEN 'completed' WHEN ?1 >= entries_end_at THEN 'voting' WHEN ?1 >= starts_at THEN 'active' "
            + "ELSE 'upcoming' END AS due FROM battles WHERE status IN ('upcoming', 'active', 'voting')) phases "
            + "WHERE due <> status OR (status = 'voting' AND decided_windows < bracket_windows AND ?1 >= entries_end_at "
            + "+ (voting_end_at - entries_end_at) * (decided_windows + 1) / bracket_windows) ORDER BY id LIMIT 100";

    /**
     * Alone on the battle: the advisory lock waits for the votes being written (they hold it shared, db/migration V5)
     * and keeps new ones waiting behind it; the row lock keeps admins and other replicas out.
     */
    private static final String CLAIM =
            "SELECT b.id FROM (SELECT pg_advisory_xact_lock(battle_lock_key(?1))) AS alone, battles b WHERE b.id = ?1 "
                    + "FOR UPDATE OF b";

    private final Clock clock;
    private final BattleCompletion completion;
    private final Brackets brackets;

    public BattleClock(Clock clock, BattleCompletion completion, Brackets brackets) {
        this.clock = clock;
        this.completion = completion;
        this.brackets = brackets;
    }

    @Scheduled(
            every = "${mashups.community.battles.clock-period}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(DUE, String.class)
                                .setParameter(1, now)
                                .getResultList()))
                .chain(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(battleId -> advance(battleId, now))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /**
     * One battle, in a transaction of its own; a replica that waited for another one finds it moved already. The move
     * is logged once committed: a transaction that dies on the way moved nothing.
     */
    private Uni<Void> advance(String battleId, OffsetDateTime now) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM, String.class)
                                .setParameter(1, battleId)
                                .getResultList())
                        .chain(claimed -> claimed.isEmpty()
                                ? Uni.createFrom().<BattleStatus>nullItem()
                                // read after the lock: whatever moved or changed it before is seen
                                : Battle.<Battle>findById(battleId).chain(battle -> move(battle, now))))
                .invoke(moved -> {
                    if (moved != null) {
                        LOG.infof("battle %s is %s", battleId, moved.wire());
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A bracket is seeded as its voting starts and its closed windows decided before it may complete. Answers the
     * status the battle moved to, or null when it stays.
     */
    private Uni<BattleStatus> move(Battle battle, OffsetDateTime now) {
        BattleStatus due = battle.statusAt(now.toInstant());
        boolean voted = due == BattleStatus.VOTING || due == BattleStatus.COMPLETED;
        Uni<Void> seeded = battle.isBracket() && battle.bracketWindows == null && voted
                ? brackets.seed(battle)
                : Uni.createFrom().voidItem();
        return seeded.chain(() -> brackets.decideClosed(battle, now.toInstant()))
                .chain(() -> {
                    if (due == battle.status) {
                        return Uni.createFrom().<BattleStatus>nullItem();
                    }
                    battle.status = due;
                    battle.updatedAt = now;
                    return (due == BattleStatus.COMPLETED
                                    ? completion.complete(battle, now)
                                    : Uni.createFrom().voidItem())
                            .replaceWith(due);
                });
    }
}
