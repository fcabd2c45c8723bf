package io.mashups.attribution.catalogue;

import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.fingerprint.AudioLandmarks;
import io.mashups.attribution.fingerprint.Fingerprint;
import io.mashups.attribution.fingerprint.Match;
import io.mashups.attribution.fingerprint.StemIndex;
import io.mashups.messaging.Blocking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This replica's in-memory index of the reference catalogue. Postgres is the truth: every addition and removal is
 * a row of {@code catalogue_changes} written with the catalogue change itself, and each replica applies the rows
 * after the last one it applied, on one thread, every {@code catalogue-poll} (at start: all of them, which rebuilds
 * the index). The replica is ready ({@link CatalogueReadiness}) once it has caught up at start.
 */
@ApplicationScoped
public class CatalogueIndex {
    private static final Logger LOG = Logger.getLogger(CatalogueIndex.class);
    private static final int BATCH = 200;
    private static final String CHANGES = """
            SELECT c.seq, c.track_no, c.added, r.vocal_fingerprint, r.instrumental_fingerprint FROM catalogue_changes c
            JOIN reference_tracks r ON r.track_no = c.track_no WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2""";
    private final StemIndex index = new StemIndex();
    private final AttributionConfig config;
    private ScheduledExecutorService poller;
    private volatile long appliedSeq;
    private volatile boolean caughtUp;

    public CatalogueIndex(AttributionConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "catalogue-index"));
        long period = config.cataloguePoll().toMillis();
        poller.scheduleWithFixedDelay(this::catchUp, 0, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** Applies every change after the last applied one; runs only on the poller thread. */
    private void catchUp() {
        try {
            List<Object[]> rows;
            do {
                rows = Blocking.await(() -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CHANGES, Object[].class)
                                .setParameter(1, appliedSeq)
                                .setParameter(2, BATCH)
                                .getResultList())));
                for (Object[] row : rows) {
                    int trackNo = ((Number) row[1]).intValue();
                    Fingerprint vocals = Fingerprint.fromBytes((byte[]) row[3]);
                    Fingerprint instrumental = Fingerprint.fromBytes((byte[]) row[4]);
                    if ((Boolean) row[2]) {
                        index.add(trackNo, vocals, instrumental);
                    } else {
                        index.remove(trackNo, vocals, instrumental);
                    }
                    appliedSeq = ((Number) row[0]).longValue();
                }
            } while (rows.size() == BATCH);
            if (!caughtUp) {
                LOG.infof(
                        "reference index loaded: %d tracks, %.1f hours, %d postings",
                        index.tracks(), index.seconds() / 3600, index.postings());
            }
            caughtUp = true;
        } catch (RuntimeException e) {
            LOG.warnf("reference index could not catch up (will retry): %s", e.getMessage());
        }
    }

    public List<Match> match(AudioLandmarks query) {
        return index.match(query);
    }

    public StemIndex index() {
        return index;
    }

    /** Whether this replica has applied every change that existed when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public long appliedChange() {
        return appliedSeq;
    }
}
