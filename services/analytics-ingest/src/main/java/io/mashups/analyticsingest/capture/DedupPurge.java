package io.mashups.analyticsingest.capture;

import io.mashups.analyticsingest.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Forgets captured event ids older than the dedup window, a few thousand rows per statement (every replica may). */
@ApplicationScoped
public class DedupPurge {
    private static final Logger LOG = Logger.getLogger(DedupPurge.class);
    private static final int CHUNK = 5000;

    private final Pool pool;
    private final Duration window;

    public DedupPurge(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.window = config.capture().dedupWindow();
    }

    @Scheduled(
            every = "${mashups.analytics.capture.purge-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(window);
        return purgeBefore(before)
                .onFailure()
                .invoke(e -> LOG.warnf("purging captured event ids failed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes every id received before {@code before}; answers how many. */
    Uni<Long> purgeBefore(OffsetDateTime before) {
        return pool.preparedQuery("DELETE FROM captured_events WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM captured_events WHERE received_at < $1 LIMIT " + CHUNK + "))")
                .execute(Tuple.of(before))
                .chain(rows -> rows.rowCount() < CHUNK
                        ? Uni.createFrom().item((long) rows.rowCount())
                        : purgeBefore(before).map(more -> more + rows.rowCount()));
    }
}
