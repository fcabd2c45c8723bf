package io.mashups.trends.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mashups.trends.TrendsConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Charts bought from a data provider (Spotify's or TikTok's, which have no public charts API), read from the configured
 * URL as CSV ({@code source,region,rank,title,artist,isrc,url,thumbnail_url,preview_url}, a header row first) or JSON
 * ({@code {"charts": [{"source", "region", "entries": [{"rank", "title", "artist", "isrc", "url", "thumbnailUrl",
 * "previewUrl"}]}]}}). One fetch gives every chart in the feed; rows without a source, title, artist or rank are
 * skipped and counted. The key, when set, is sent as a bearer token.
 */
@Singleton
public class LicensedFeedFetcher extends HttpFetcher {
    /** Sources only a licensed feed can provide, and why. */
    public static final Map<String, String> LICENSED_ONLY = Map.of(
            "spotify",
            "Spotify has no charts API (its editorial playlists and previews were closed to new apps in November 2024):"
                    + " configure a licensed feed (mashups.trends.licensed.url)",
            "tiktok",
            "TikTok's Research API is only for non-profit academic research: configure a licensed feed"
                    + " (mashups.trends.licensed.url)");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private final TrendsConfig.Licensed licensed;

    @Inject
    public LicensedFeedFetcher(TrendsConfig config) {
        this(config.licensed());
    }

    LicensedFeedFetcher(TrendsConfig.Licensed licensed) {
        super("licensed", licensed);
        this.licensed = licensed;
    }

    @Override
    public List<String> sources() {
        return List.of("spotify", "tiktok");
    }

    @Override
    public Optional<String> unusable() {
        if (licensed.url().isEmpty()) {
            return Optional.of("no licensed feed configured (mashups.trends.licensed.url)");
        }
        return licensed.enabled() ? Optional.empty() : Optional.of("disabled in the configuration");
    }

    @Override
    protected Fetched fetchNow(String region, int requestsAllowed) {
        Answer answer = get(
                licensed.url().orElseThrow(),
                licensed.key()
                        .map(key -> Map.of("Authorization", "Bearer " + key, "Accept", "text/csv, application/json"))
                        .orElse(Map.of("Accept", "text/csv, application/json")));
        if (!answer.ok()) {
            throw refused(answer);
        }
        List<Row> rows = answer.body().stripLeading().startsWith("{") ? jsonRows(json(answer)) : csvRows(answer.body());
        Map<String, List<Row>> byChart = new LinkedHashMap<>();
        int skipped = 0;
        for (Row row : rows) {
            if (row.valid()) {
                byChart.computeIfAbsent(row.source + " " + row.region, chart -> new ArrayList<>())
                        .add(row);
            } else {
                skipped++;
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (List<Row> chartRows : byChart.values()) {
            chartRows.sort(Comparator.comparingInt(row -> row.rank));
            List<ChartItem> items = new ArrayList<>();
            for (Row row :
                    chartRows.subList(0, Math.min(chartRows.size(), settings().maxItems()))) {
                items.add(ChartItem.song(
                        items.size() + 1,
                        row.title,
                        row.artist,
                        row.isrc,
                        null,
                        row.url,
                        row.thumbnailUrl,
                        row.previewUrl));
            }
            charts.add(new Chart(chartRows.get(0).source, chartRows.get(0).region, items, 0));
        }
        return new Fetched(charts, 1, skipped);
    }

    /** One row of the feed, as read; {@link #valid()} says whether it can be charted. */
    private record Row(
            String source,
            String region,
            int rank,
            String title,
            String artist,
            String isrc,
            String url,
            String thumbnailUrl,
            String previewUrl) {
        static Row of(JsonNode node, String source, String region, String thumbnail, String preview) {
            return new Row(
                    source == null ? null : source.toLowerCase(Locale.ROOT),
                    region == null ? "global" : region.toLowerCase(Locale.ROOT),
                    node.path("rank").asInt(0),
                    text(node, "title"),
                    text(node, "artist"),
                    text(node, "isrc"),
                    text(node, "url"),
                    thumbnail,
                    preview);
        }

        boolean valid() {
            return source != null
                    && NAME.matcher(source).matches()
                    && NAME.matcher(region).matches()
                    && rank > 0
                    && title != null
                    && artist != null;
        }
    }

    private List<Row> jsonRows(JsonNode body) {
        if (!body.path("charts").isArray()) {
            throw new SourceException("licensed: the feed has no charts list");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode chart : body.path("charts")) {
            for (JsonNode entry : chart.path("entries")) {
                rows.add(Row.of(
                        entry,
                        text(chart, "source"),
                        text(chart, "region"),
                        text(entry, "thumbnailUrl"),
                        text(entry, "previewUrl")));
            }
        }
        return rows;
    }

    private List<Row> csvRows(String body) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<JsonNode> lines = CSV.readerFor(JsonNode.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            while (lines.hasNextValue()) {
                JsonNode line = lines.nextValue();
                rows.add(Row.of(
                        line,
                        text(line, "source"),
                        text(line, "region"),
                        text(line, "thumbnail_url"),
                        text(line, "preview_url")));
            }
        } catch (IOException | RuntimeException e) {
            throw new SourceException(
                    "licensed: the feed is neither JSON nor CSV with a header row: " + e.getMessage());
        }
        return rows;
    }
}
