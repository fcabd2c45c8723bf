package io.mashups.community.battle;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Moves battles to the phase their times give: upcoming, active, voting, completed. One statement claims the rows
 * (skipping those another replica holds) and moves each from the status it had, so every transition happens once
 * however many replicas tick together, within one period of its time.
 */
@ApplicationScoped
public class BattleClock {
    private static final Logger LOG = Logger.getLogger(BattleClock.class);
    static final String ADVANCE = "UPDATE battles b SET status = due.status, updated_at = $1 FROM ("
            + "SELECT id, CASE WHEN $1 >= voting_end_at THEN 'completed' WHEN $1 >= entries_end_at THEN 'voting' "
            + "WHEN $1 >= starts_at THEN 'active' ELSE 'upcoming' END AS status FROM battles "
            + "WHERE status IN ('upcoming', 'active', 'voting') FOR UPDATE SKIP LOCKED) due "
            + "WHERE b.id = due.id AND b.status <> due.status RETURNING b.id, b.status";

    private final Pool pool;
    private final Clock clock;

    public BattleClock(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(
            every = "${mashups.community.battles.clock-period:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return pool.withTransaction(tx -> tx.preparedQuery(ADVANCE)
                        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))))
                .invoke(moved -> moved.forEach(row -> LOG.infof("battle %s is %s", row.getString(0), row.getString(1))))
                .replaceWithVoid();
    }
}
