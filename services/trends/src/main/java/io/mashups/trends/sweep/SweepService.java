package io.mashups.trends.sweep;

import io.mashups.events.EventCatalog;
import io.mashups.events.trends.TrendsUpdatedV1;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.trends.song.SongIdentity;
import io.mashups.trends.source.Chart;
import io.mashups.trends.source.ChartItem;
import io.mashups.trends.source.Fetched;
import io.mashups.trends.source.QuotaExceededException;
import io.mashups.trends.source.SourceException;
import io.mashups.trends.source.TrendFetcher;
import io.mashups.trends.trend.TrendsService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Sweeps the trend sources: claims the charts due (or, from the cron endpoint, all of them), fetches each through its
 * fetcher within the day's quota, and stores every chart with its songs, previous ranks and velocities, one fetch per
 * transaction, so a source that fails or runs out of quota leaves the others' charts stored. A claim is a conditional
 * update of the chart's schedule row, so one replica fetches a chart per period however many tick together. Each
 * sweep ends with {@code trends.updated}.
 */
@ApplicationScoped
public class SweepService {
    private static final Logger LOG = Logger.getLogger(SweepService.class);
    private static final int TOP_IN_EVENT = 10;
    private static final int MAX_ERROR = 500;

    private static final String REGISTER =
            "INSERT INTO schedules (fetcher, region, next_due_at) VALUES ($1, $2, $3) " + "ON CONFLICT DO NOTHING";
    private static final String CLAIM = "UPDATE schedules SET next_due_at = $3 WHERE fetcher = $1 AND region = $2 "
            + "AND (next_due_at <= $4 OR $5) RETURNING region";
    private static final String QUOTA = "SELECT units, exhausted FROM quota_days WHERE fetcher = $1 AND day = $2";
    private static final String SNAPSHOT_BEFORE = "SELECT id, fetched_at, size FROM charts WHERE source = $1 AND "
            + "region = $2 AND fetched_at < $3 ORDER BY fetched_at DESC LIMIT 1";
    private static final String SNAPSHOT_SINCE = "SELECT id, fetched_at, size FROM charts WHERE source = $1 AND "
            + "region = $2 AND fetched_at >= $3 AND fetched_at < $4 ORDER BY fetched_at LIMIT 1";
    private static final String SNAPSHOT_RANKS = "SELECT song_id, rank FROM chart_entries WHERE chart_id = $1";

    private static final String ADD_SWEEP = "INSERT INTO sweeps (id, trigger, started_at) VALUES (?1, ?2, ?3)";
    private static final String FINISH_SWEEP = "UPDATE sweeps SET finished_at = ?2 WHERE id = ?1";
    private static final String ADD_FETCH = "INSERT INTO fetches (id, sweep_id, fetcher, region, fetched_at, status, "
            + "items, skipped_items, requests, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    private static final String SPEND =
            "INSERT INTO quota_days (fetcher, day, units, exhausted) VALUES (?1, ?2, ?3, ?4) "
                    + "ON CONFLICT (fetcher, day) DO UPDATE SET units = quota_days.units + excluded.units, "
                    + "exhausted = quota_days.exhausted OR excluded.exhausted";
    private static final String ADD_CHART =
            "INSERT INTO charts (id, fetch_id, source, region, fetched_at, size) " + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    private static final String ADD_ENTRY = "INSERT INTO chart_entries (chart_id, rank, song_id, previous_rank, "
            + "velocity, external_id, external_url, thumbnail_url, preview_url) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

    private final List<TrendFetcher> fetchers;
    private final Pool pool;
    private final Outbox outbox;
    private final TrendsService trends;
    private final Clock clock;
    private final MeterRegistry metrics;

    public SweepService(
            Instance<TrendFetcher> fetchers,
            Pool pool,
            Outbox outbox,
            TrendsService trends,
            Clock clock,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.fetchers = fetchers.stream().toList();
        this.pool = pool;
        this.outbox = outbox;
        this.trends = trends;
        this.clock = clock;
    }

    /** The schedule's sweep: the charts whose period has come; none due, no sweep. */
    public Uni<SweepReport> sweepDue() {
        return sweep("schedule", false);
    }

    /** The cron endpoint's sweep: every chart now. */
    public Uni<SweepReport> sweepNow() {
        return sweep("cron", true);
    }

    private record Claimed(TrendFetcher fetcher, String region) {}

    private Uni<SweepReport> sweep(String trigger, boolean all) {
        OffsetDateTime now = now();
        List<SweepReport.Skipped> skipped = new ArrayList<>();
        List<TrendFetcher> usable = new ArrayList<>();
        for (TrendFetcher fetcher : fetchers) {
            fetcher.unusable()
                    .ifPresentOrElse(
                            reason -> skipped.add(new SweepReport.Skipped(fetcher.name(), reason)),
                            () -> usable.add(fetcher));
        }
        return Multi.createFrom()
                .iterable(usable)
                .onItem()
                .transformToUniAndConcatenate(fetcher -> claim(fetcher, now, all))
                .collect()
                .in(ArrayList<Claimed>::new, List::addAll)
                .chain(claimed -> {
                    if (claimed.isEmpty() && !all) {
                        return Uni.createFrom().item(new SweepReport(true, 0, null, List.of(), skipped));
                    }
                    UUID sweepId = UUID.randomUUID();
                    return Panache.withTransaction(() -> Panache.getSession()
                                    .chain(session -> session.createNativeQuery(ADD_SWEEP)
                                            .setParameter(1, sweepId)
                                            .setParameter(2, trigger)
                                            .setParameter(3, now)
                                            .executeUpdate()))
                            .chain(() -> Multi.createFrom()
                                    .iterable(claimed)
                                    .onItem()
                                    .transformToUniAndConcatenate(claim -> fetch(sweepId, claim))
                                    .collect()
                                    .asList())
                            .chain(outcomes -> finish(sweepId, trigger, now, outcomes, skipped));
                });
    }

    /** Registers the fetcher's regions in the schedule and claims those due (all, for the cron endpoint). */
    private Uni<List<Claimed>> claim(TrendFetcher fetcher, OffsetDateTime now, boolean all) {
        OffsetDateTime next = now.plus(fetcher.settings().every());
        return Multi.createFrom()
                .iterable(fetcher.settings().regions())
                .onItem()
                .transformToUniAndConcatenate(region -> pool.preparedQuery(REGISTER)
                        .execute(Tuple.of(fetcher.name(), region, now))
                        .chain(registered -> pool.preparedQuery(CLAIM)
                                .execute(Tuple.tuple(List.of(fetcher.name(), region, next, now, all))))
                        .map(rows -> rows.size() == 1 ? new Claimed(fetcher, region) : null))
                .filter(claimed -> claimed != null)
                .collect()
                .asList();
    }

    /** One region of one fetcher, within its quota; whatever happens is recorded as the fetch's outcome. */
    private Uni<FetchOutcome> fetch(UUID sweepId, Claimed claim) {
        TrendFetcher fetcher = claim.fetcher();
        LocalDate quotaDay = LocalDate.ofInstant(clock.instant(), fetcher.quotaZone());
        return quotaLeft(fetcher, quotaDay)
                .chain(left -> {
                    if (left <= 0) {
                        return record(
                                sweepId,
                                claim,
                                quotaDay,
                                new FetchOutcome(
                                        fetcher.name(),
                                        claim.region(),
                                        "quota-exhausted",
                                        0,
                                        0,
                                        "the day's quota is spent; it resets at midnight " + fetcher.quotaZone()),
                                0,
                                false);
                    }
                    return fetcher.fetch(claim.region(), left)
                            .chain(fetched -> store(sweepId, claim, quotaDay, fetched))
                            .onFailure()
                            .recoverWithUni(failure -> failed(sweepId, claim, quotaDay, failure));
                })
                .invoke(this::measure);
    }

    /** {@code trends_fetches_total{fetcher, status}} and {@code trends_skipped_items_total{fetcher}}. */
    private void measure(FetchOutcome outcome) {
        metrics.counter("trends.fetches", "fetcher", outcome.fetcher(), "status", outcome.status())
                .increment();
        metrics.counter("trends.skipped.items", "fetcher", outcome.fetcher()).increment(outcome.skipped());
    }

    private Uni<Integer> quotaLeft(TrendFetcher fetcher, LocalDate day) {
        int quota = fetcher.settings().dailyQuota();
        if (quota <= 0) {
            return Uni.createFrom().item(Integer.MAX_VALUE);
        }
        return pool.preparedQuery(QUOTA).execute(Tuple.of(fetcher.name(), day)).map(rows -> {
            if (rows.size() == 0) {
                return quota;
            }
            Row row = rows.iterator().next();
            return row.getBoolean("exhausted") ? 0 : quota - row.getInteger("units");
        });
    }

    private Uni<FetchOutcome> failed(UUID sweepId, Claimed claim, LocalDate quotaDay, Throwable failure) {
        String status;
        int requests = 0;
        if (failure instanceof QuotaExceededException quota) {
            status = "quota-exceeded";
            requests = quota.requests();
        } else if (failure instanceof CircuitBreakerOpenException) {
            status = "circuit-open";
        } else if (failure instanceof RateLimitException) {
            status = "rate-limited";
        } else {
            status = "failed";
        }
        if (status.equals("failed") && !(failure instanceof SourceException)) {
            LOG.warnf(failure, "trends: %s %s failed", claim.fetcher().name(), claim.region());
        } else {
            LOG.infof("trends: %s %s %s: %s", claim.fetcher().name(), claim.region(), status, failure.getMessage());
        }
        String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return record(
                sweepId,
                claim,
                quotaDay,
                new FetchOutcome(claim.fetcher().name(), claim.region(), status, 0, 0, clip(error)),
                requests,
                failure instanceof QuotaExceededException);
    }

    /** A fetch that stored nothing, and the quota it spent. */
    private Uni<FetchOutcome> record(
            UUID sweepId, Claimed claim, LocalDate quotaDay, FetchOutcome outcome, int requests, boolean exhausted) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> addFetch(session, UUID.randomUUID(), sweepId, outcome, now(), requests)
                                .chain(() -> spend(session, claim.fetcher(), quotaDay, requests, exhausted))))
                .replaceWith(outcome);
    }

    private Uni<Integer> addFetch(
            Mutiny.Session session, UUID fetchId, UUID sweepId, FetchOutcome outcome, OffsetDateTime at, int requests) {
        return session.createNativeQuery(ADD_FETCH)
                .setParameter(1, fetchId)
                .setParameter(2, sweepId)
                .setParameter(3, outcome.fetcher())
                .setParameter(4, outcome.region())
                .setParameter(5, at)
                .setParameter(6, outcome.status())
                .setParameter(7, outcome.items())
                .setParameter(8, outcome.skipped())
                .setParameter(9, requests)
                .setParameter(10, outcome.error())
                .executeUpdate();
    }

    private Uni<Integer> spend(
            Mutiny.Session session, TrendFetcher fetcher, LocalDate day, int requests, boolean exhausted) {
        if (fetcher.settings().dailyQuota() <= 0) {
            return Uni.createFrom().item(0);
        }
        return session.createNativeQuery(SPEND)
                .setParameter(1, fetcher.name())
                .setParameter(2, day)
                .setParameter(3, requests)
                .setParameter(4, exhausted)
                .executeUpdate();
    }

    /** A fetch's charts, with their songs, previous ranks and velocities, in one transaction. */
    private Uni<FetchOutcome> store(UUID sweepId, Claimed claim, LocalDate quotaDay, Fetched fetched) {
        OffsetDateTime at = now();
        UUID fetchId = UUID.randomUUID();
        int items = fetched.charts().stream()
                .mapToInt(chart -> chart.items().size())
                .sum();
        FetchOutcome outcome = new FetchOutcome(
                claim.fetcher().name(), claim.region(), FetchOutcome.OK, items, fetched.skipped(), null);
        return Multi.createFrom()
                .iterable(fetched.charts())
                .onItem()
                .transformToUniAndConcatenate(chart -> history(chart, at))
                .collect()
                .asList()
                .chain(histories -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> addFetch(session, fetchId, sweepId, outcome, at, fetched.requests())
                                .chain(() -> spend(session, claim.fetcher(), quotaDay, fetched.requests(), false))
                                .chain(() -> Multi.createFrom()
                                        .iterable(histories)
                                        .onItem()
                                        .transformToUniAndConcatenate(
                                                history -> addChart(session, fetchId, history, at))
                                        .collect()
                                        .last()))))
                .replaceWith(outcome);
    }

    /** A chart with the two earlier fetches its ranks are compared with. */
    private record ChartHistory(Chart chart, RankHistory.Snapshot previous, RankHistory.Snapshot dayAgo) {}

    private Uni<ChartHistory> history(Chart chart, OffsetDateTime at) {
        Uni<RankHistory.Snapshot> previous = snapshot(SNAPSHOT_BEFORE, Tuple.of(chart.source(), chart.region(), at));
        Uni<RankHistory.Snapshot> dayAgo = snapshot(
                SNAPSHOT_SINCE, Tuple.of(chart.source(), chart.region(), at.minus(RankHistory.VELOCITY_WINDOW), at));
        return previous.chain(before -> dayAgo.map(since -> new ChartHistory(chart, before, since)));
    }

    private Uni<RankHistory.Snapshot> snapshot(String query, Tuple arguments) {
        return pool.preparedQuery(query).execute(arguments).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row chart = rows.iterator().next();
            return pool.preparedQuery(SNAPSHOT_RANKS)
                    .execute(Tuple.of(chart.getUUID("id")))
                    .map(entries -> new RankHistory.Snapshot(
                            chart.getOffsetDateTime("fetched_at").toInstant(),
                            chart.getInteger("size"),
                            ranks(entries)));
        });
    }

    private static Map<String, Integer> ranks(RowSet<Row> entries) {
        Map<String, Integer> ranks = new HashMap<>();
        for (Row entry : entries) {
            ranks.put(entry.getUUID("song_id").toString(), entry.getInteger("rank"));
        }
        return ranks;
    }

    /**
     * The chart's entries, each song once (a source listing one song twice, say its video and its lyric video, keeps
     * the better rank) and ranked again without gaps.
     */
    private Uni<Void> addChart(Mutiny.Session session, UUID fetchId, ChartHistory history, OffsetDateTime at) {
        Chart chart = history.chart();
        Map<UUID, ChartItem> bySong = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(chart.items())
                .map(ChartItem::clean)
                .filter(ChartItem::named)
                .onItem()
                .transformToUniAndConcatenate(
                        item -> SongIdentity.resolve(session, item, at).invoke(song -> bySong.putIfAbsent(song, item)))
                .collect()
                .last()
                .chain(() -> {
                    UUID chartId = UUID.randomUUID();
                    Uni<Integer> done = session.createNativeQuery(ADD_CHART)
                            .setParameter(1, chartId)
                            .setParameter(2, fetchId)
                            .setParameter(3, chart.source())
                            .setParameter(4, chart.region())
                            .setParameter(5, at)
                            .setParameter(6, bySong.size())
                            .executeUpdate();
                    int rank = 0;
                    for (Map.Entry<UUID, ChartItem> entry : bySong.entrySet()) {
                        int place = ++rank;
                        String song = entry.getKey().toString();
                        ChartItem item = entry.getValue();
                        done = done.chain(() -> session.createNativeQuery(ADD_ENTRY)
                                .setParameter(1, chartId)
                                .setParameter(2, place)
                                .setParameter(3, entry.getKey())
                                .setParameter(4, RankHistory.previousRank(history.previous(), song))
                                .setParameter(5, RankHistory.velocity(history.dayAgo(), song, place, at.toInstant()))
                                .setParameter(6, item.externalId())
                                .setParameter(7, item.externalUrl())
                                .setParameter(8, item.thumbnailUrl())
                                .setParameter(9, item.previewUrl())
                                .executeUpdate());
                    }
                    return done.replaceWithVoid();
                });
    }

    private Uni<SweepReport> finish(
            UUID sweepId,
            String trigger,
            OffsetDateTime started,
            List<FetchOutcome> outcomes,
            List<SweepReport.Skipped> skipped) {
        OffsetDateTime finished = now();
        return trends.top(TOP_IN_EVENT)
                .chain(top -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(FINISH_SWEEP)
                                .setParameter(1, sweepId)
                                .setParameter(2, finished)
                                .executeUpdate())
                        .chain(() -> outbox.add(
                                EventCatalog.TRENDS_UPDATED,
                                sweepId.toString(),
                                new TrendsUpdatedV1(
                                        sweepId.toString(),
                                        trigger,
                                        started.toInstant(),
                                        finished.toInstant(),
                                        outcomes.stream()
                                                .map(o -> new TrendsUpdatedV1.Fetch(
                                                        o.fetcher(),
                                                        o.region(),
                                                        o.status(),
                                                        o.items(),
                                                        o.skipped(),
                                                        o.error()))
                                                .toList(),
                                        top)))))
                .map(event -> {
                    int count = outcomes.stream().mapToInt(FetchOutcome::items).sum();
                    LOG.infof("trends sweep %s (%s): %d fetches, %d entries", sweepId, trigger, outcomes.size(), count);
                    return new SweepReport(true, count, sweepId.toString(), outcomes, skipped);
                });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static String clip(String error) {
        return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "..." : error;
    }
}
