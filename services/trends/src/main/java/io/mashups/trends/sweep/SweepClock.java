package io.mashups.trends.sweep;

import io.mashups.trends.TrendsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The internal schedule: every tick each replica sweeps the charts due (each source has its own period, hourly by
 * default; the claim in {@link SweepService} lets one replica take each), and once an hour rank history and the
 * platform's engagement older than {@code keepHistory} are deleted.
 */
@ApplicationScoped
public class SweepClock {
    private static final String[] PURGE = {
        "DELETE FROM chart_entries WHERE chart_id IN (SELECT id FROM charts WHERE fetched_at < ?1)",
        "DELETE FROM charts WHERE fetched_at < ?1",
        "DELETE FROM fetches f WHERE fetched_at < ?1 AND NOT EXISTS (SELECT 1 FROM charts c WHERE c.fetch_id = f.id)",
        "DELETE FROM sweeps s WHERE started_at < ?1 AND NOT EXISTS (SELECT 1 FROM fetches f WHERE f.sweep_id = s.id)",
        "DELETE FROM quota_days WHERE day < CAST(?1 AS date)",
        "DELETE FROM mashup_plays WHERE window_end < ?1",
        "DELETE FROM mashup_songs WHERE identified_at < ?1"
    };

    private final SweepService sweeps;
    private final TrendsConfig config;
    private final Clock clock;

    public SweepClock(SweepService sweeps, TrendsConfig config, Clock clock) {
        this.sweeps = sweeps;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${mashups.trends.tick}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sweeps.sweepDue().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        OffsetDateTime before =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(config.keepHistory());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
                    Uni<Integer> done = Uni.createFrom().item(0);
                    for (String statement : PURGE) {
                        done = done.chain(() -> session.createNativeQuery(statement)
                                .setParameter(1, before)
                                .executeUpdate());
                    }
                    return done;
                }))
                .replaceWithVoid();
    }
}
