package io.mashups.trends.trend;

import io.mashups.events.trends.TrendsUpdatedV1;
import io.mashups.trends.TrendsConfig;
import io.mashups.trends.source.LicensedFeedFetcher;
import io.mashups.trends.source.TrendFetcher;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the stored charts: one source's latest chart of a region, or the combined chart of every source's latest
 * charts ranked by {@link TrendScore}; and how each source stands.
 */
@ApplicationScoped
public class TrendsService {
    /** The latest fetch of each chart kept. */
    private static final String LATEST_CHARTS = "SELECT DISTINCT ON (source, region) id, source, region, fetched_at, "
            + "size FROM charts WHERE fetched_at >= $1 ORDER BY source, region, fetched_at DESC";

    private static final String ENTRIES = "SELECT e.chart_id, e.rank, e.previous_rank, e.velocity, e.external_url, "
            + "coalesce(e.thumbnail_url, s.thumbnail_url) AS thumbnail_url, "
            + "coalesce(e.preview_url, s.preview_url) AS preview_url, s.id AS song_id, s.title, s.artist "
            + "FROM chart_entries e JOIN songs s ON s.id = e.song_id WHERE e.chart_id = ANY($1) ORDER BY e.rank";
    /** Each region's latest fetch. */
    private static final String LATEST_FETCHES = "SELECT DISTINCT ON (fetcher, region) fetcher, region, status, error "
            + "FROM fetches WHERE fetched_at >= $1 ORDER BY fetcher, region, fetched_at DESC";

    private static final String LAST_OK =
            "SELECT fetcher, max(fetched_at) AS at FROM fetches WHERE status = 'ok' GROUP BY fetcher";

    private final List<TrendFetcher> fetchers;
    private final TrendsConfig config;
    private final Pool pool;
    private final Clock clock;

    public TrendsService(Instance<TrendFetcher> fetchers, TrendsConfig config, Pool pool, Clock clock) {
        this.fetchers = fetchers.stream().toList();
        this.config = config;
        this.pool = pool;
        this.clock = clock;
    }

    private record ChartRow(UUID id, String source, String region, Instant fetchedAt, int size) {}

    private record Entry(ChartRow chart, Row row) {
        String song() {
            return row.getUUID("song_id").toString();
        }

        int rank() {
            return row.getInteger("rank");
        }

        double velocity() {
            return row.getDouble("velocity");
        }

        TrendScore.Standing standing() {
            return new TrendScore.Standing(
                    chart.source(), chart.region(), rank(), chart.size(), velocity(), chart.fetchedAt());
        }
    }

    /**
     * {@code source} null: the combined chart; otherwise that source's latest chart of {@code region} (or of its
     * first configured region, or its most recent one).
     */
    public Uni<TrendsView> trends(String source, String region, int limit) {
        return latestCharts().chain(charts -> {
            Set<String> known = new LinkedHashSet<>();
            fetchers.forEach(fetcher -> known.addAll(fetcher.sources()));
            charts.forEach(chart -> known.add(chart.source()));
            if (source != null && !known.contains(source)) {
                throw ProblemException.invalid(Map.of("source", "must be one of " + String.join(", ", known)));
            }
            List<ChartRow> shown = source == null
                    ? charts
                    : pick(charts, source, region).stream().toList();
            return entries(shown)
                    .map(entries -> source == null ? combined(entries, limit) : oneChart(entries, limit))
                    .chain(sounds -> sources()
                            .map(statuses -> new TrendsView(
                                    sounds,
                                    shown.stream()
                                            .map(ChartRow::fetchedAt)
                                            .max(Comparator.naturalOrder())
                                            .orElse(clock.instant()),
                                    statuses)));
        });
    }

    /** The combined chart's first songs, for {@code trends.updated}. */
    public Uni<List<TrendsUpdatedV1.Item>> top(int limit) {
        return latestCharts()
                .chain(this::entries)
                .map(entries -> combined(entries, limit).stream()
                        .map(sound -> new TrendsUpdatedV1.Item(
                                sound.rank(), sound.id(), sound.title(), sound.artist(), sound.score()))
                        .toList());
    }

    /** What is older than the history kept does not count. */
    private OffsetDateTime kept() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(config.keepHistory());
    }

    /** Whether a fetcher's region is still configured (a region dropped from the settings no longer counts). */
    private boolean configured(String fetcher, String region) {
        return fetchers.stream()
                .anyMatch(candidate -> candidate.name().equals(fetcher)
                        && candidate.settings().regions().contains(region));
    }

    private Uni<List<ChartRow>> latestCharts() {
        return pool.preparedQuery(LATEST_CHARTS).execute(Tuple.of(kept())).map(rows -> {
            List<ChartRow> charts = new ArrayList<>();
            for (Row row : rows) {
                charts.add(new ChartRow(
                        row.getUUID("id"),
                        row.getString("source"),
                        row.getString("region"),
                        row.getOffsetDateTime("fetched_at").toInstant(),
                        row.getInteger("size")));
            }
            return charts;
        });
    }

    private Optional<ChartRow> pick(List<ChartRow> charts, String source, String region) {
        List<ChartRow> ofSource =
                charts.stream().filter(chart -> chart.source().equals(source)).toList();
        if (region != null) {
            return ofSource.stream()
                    .filter(chart -> chart.region().equalsIgnoreCase(region))
                    .findFirst();
        }
        for (TrendFetcher fetcher : fetchers) {
            if (fetcher.sources().contains(source)) {
                for (String configured : fetcher.settings().regions()) {
                    String name = configured.split(":", 2)[0].strip();
                    Optional<ChartRow> chart = ofSource.stream()
                            .filter(candidate -> candidate.region().equalsIgnoreCase(name))
                            .findFirst();
                    if (chart.isPresent()) {
                        return chart;
                    }
                }
            }
        }
        return ofSource.stream().max(Comparator.comparing(ChartRow::fetchedAt));
    }

    private Uni<List<Entry>> entries(List<ChartRow> charts) {
        if (charts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<UUID, ChartRow> byId = new HashMap<>();
        charts.forEach(chart -> byId.put(chart.id(), chart));
        return pool.preparedQuery(ENTRIES)
                .execute(Tuple.of(byId.keySet().toArray(UUID[]::new)))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(byId.get(row.getUUID("chart_id")), row));
                    }
                    return entries;
                });
    }

    private List<Sound> oneChart(List<Entry> entries, int limit) {
        Instant now = clock.instant();
        return entries.stream()
                .limit(limit)
                .map(entry -> sound(entry, entry.rank(), List.of(entry), score(List.of(entry), now)))
                .toList();
    }

    private List<Sound> combined(List<Entry> entries, int limit) {
        Instant now = clock.instant();
        Map<String, List<Entry>> bySong = new LinkedHashMap<>();
        entries.forEach(entry ->
                bySong.computeIfAbsent(entry.song(), song -> new ArrayList<>()).add(entry));
        record Scored(List<Entry> entries, Entry lead, double score) {}
        List<Scored> scored = new ArrayList<>();
        bySong.values().forEach(songEntries -> {
            // the song's charts, the one giving it most first
            List<Entry> placings = songEntries.stream()
                    .sorted(Comparator.comparingDouble((Entry entry) -> score(List.of(entry), now))
                            .reversed()
                            .thenComparing(entry -> entry.chart().source())
                            .thenComparing(entry -> entry.chart().region()))
                    .toList();
            scored.add(new Scored(placings, placings.get(0), score(placings, now)));
        });
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(s -> s.lead().song()));
        List<Sound> sounds = new ArrayList<>();
        for (Scored song : scored.subList(0, Math.min(limit, scored.size()))) {
            sounds.add(sound(song.lead(), sounds.size() + 1, song.entries(), song.score()));
        }
        return sounds;
    }

    private double score(List<Entry> entries, Instant now) {
        return TrendScore.of(
                entries.stream().map(Entry::standing).toList(), weights(), now, config.halfLife(), config.momentum());
    }

    /** Each source's weight: its fetcher's. */
    private Map<String, Double> weights() {
        Map<String, Double> weights = new HashMap<>();
        fetchers.forEach(fetcher -> fetcher.sources()
                .forEach(source -> weights.put(source, fetcher.settings().weight())));
        return weights;
    }

    private static Sound sound(Entry lead, int rank, List<Entry> entries, double score) {
        Row row = lead.row();
        return new Sound(
                lead.song(),
                row.getString("title"),
                row.getString("artist"),
                lead.chart().source(),
                rank,
                round(lead.velocity()),
                row.getString("thumbnail_url"),
                row.getString("preview_url"),
                lead.chart().region(),
                row.getInteger("previous_rank"),
                row.getInteger("previous_rank") == null,
                row.getString("external_url"),
                round(score),
                entries.stream()
                        .map(entry -> new Sound.Placing(
                                entry.chart().source(), entry.chart().region(), entry.rank(), round(entry.velocity())))
                        .toList());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Every source's standing: skipped with the reason, or its configured regions' latest fetches (ok when all of
     * them are, otherwise the first that is not).
     */
    public Uni<List<SourceStatus>> sources() {
        Uni<Map<String, Row>> latest = pool.preparedQuery(LATEST_FETCHES)
                .execute(Tuple.of(kept()))
                .map(rows -> {
                    Map<String, Row> byFetcher = new HashMap<>();
                    for (Row row : rows) {
                        String fetcher = row.getString("fetcher");
                        Row worst = byFetcher.get(fetcher);
                        if (configured(fetcher, row.getString("region"))
                                && (worst == null || "ok".equals(worst.getString("status")))) {
                            byFetcher.put(fetcher, row);
                        }
                    }
                    return byFetcher;
                });
        Uni<Map<String, Instant>> lastOk = pool.preparedQuery(LAST_OK).execute().map(rows -> {
            Map<String, Instant> byFetcher = new HashMap<>();
            rows.forEach(row -> byFetcher.put(
                    row.getString("fetcher"), row.getOffsetDateTime("at").toInstant()));
            return byFetcher;
        });
        return Uni.combine().all().unis(latest, lastOk).with((fetches, oks) -> {
            List<SourceStatus> statuses = new ArrayList<>();
            for (TrendFetcher fetcher : fetchers) {
                Optional<String> unusable = fetcher.unusable();
                Row last = fetches.get(fetcher.name());
                for (String source : fetcher.sources()) {
                    if (unusable.isPresent()) {
                        String why = LicensedFeedFetcher.LICENSED_ONLY.getOrDefault(source, unusable.get());
                        statuses.add(new SourceStatus(source, "skipped", oks.get(fetcher.name()), why));
                    } else if (fetcher.circuitOpen()) {
                        statuses.add(new SourceStatus(
                                source,
                                "circuit-open",
                                oks.get(fetcher.name()),
                                last == null ? null : last.getString("error")));
                    } else if (last == null) {
                        statuses.add(new SourceStatus(source, "pending", null, null));
                    } else {
                        statuses.add(new SourceStatus(
                                source, last.getString("status"), oks.get(fetcher.name()), last.getString("error")));
                    }
                }
            }
            statuses.sort(Comparator.comparing(SourceStatus::name));
            return statuses;
        });
    }
}
