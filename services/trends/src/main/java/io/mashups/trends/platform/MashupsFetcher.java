package io.mashups.trends.platform;

import io.mashups.trends.TrendsConfig;
import io.mashups.trends.source.Chart;
import io.mashups.trends.source.ChartItem;
import io.mashups.trends.source.Fetched;
import io.mashups.trends.source.SourceException;
import io.mashups.trends.source.TrendFetcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The platform's own charts, source {@code mashups}: region {@code songs} ranks the songs attribution found in the
 * most mashups over the last {@code songsWithin} (deleted mashups do not count); region {@code rising} ranks public,
 * unblocked mashups by the plays they gained over the last {@code risingWithin}, each listed under the artists of
 * its songs.
 */
@ApplicationScoped
public class MashupsFetcher implements TrendFetcher {
    private static final String SONGS = """
            SELECT s.title, s.artist, count(DISTINCT s.mashup_id) AS uses
            FROM mashup_songs s LEFT JOIN known_mashups k ON k.id = s.mashup_id
            WHERE s.identified_at >= $1 AND NOT coalesce(k.deleted, false)
            GROUP BY s.title, s.artist ORDER BY uses DESC, min(s.identified_at), s.title LIMIT $2""";
    private static final String RISING = """
            SELECT p.mashup_id, k.title, sum(p.plays) AS gained,
                   (SELECT string_agg(DISTINCT s.artist, ' × ') FROM mashup_songs s
                    WHERE s.mashup_id = p.mashup_id AND s.artist <> '') AS artists
            FROM mashup_plays p JOIN known_mashups k ON k.id = p.mashup_id
            WHERE p.window_end > $1 AND NOT k.deleted AND k.visibility = 'public' AND k.title IS NOT NULL
              AND k.verdict IS DISTINCT FROM 'blocked'
            GROUP BY p.mashup_id, k.title HAVING sum(p.plays) > 0 ORDER BY gained DESC, p.mashup_id LIMIT $2""";

    private final TrendsConfig.Mashups settings;
    private final Pool pool;
    private final Clock clock;

    public MashupsFetcher(TrendsConfig config, Pool pool, Clock clock) {
        this.settings = config.mashups();
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mashups";
    }

    @Override
    public List<String> sources() {
        return List.of("mashups");
    }

    @Override
    public TrendsConfig.Source settings() {
        return settings;
    }

    @Override
    public Optional<String> unusable() {
        return settings.enabled() ? Optional.empty() : Optional.of("disabled in the configuration");
    }

    @Override
    public Uni<Fetched> fetch(String region, int requestsAllowed) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return switch (region) {
            case "songs" ->
                chart(
                        region,
                        SONGS,
                        now.minus(settings.songsWithin()),
                        (row, rank) -> ChartItem.song(
                                rank, row.getString("title"), row.getString("artist"), null, null, null, null, null));
            case "rising" ->
                chart(region, RISING, now.minus(settings.risingWithin()), (row, rank) -> {
                    String mashup = row.getString("mashup_id");
                    String artists = row.getString("artists");
                    return new ChartItem(
                            rank,
                            row.getString("title"),
                            artists == null ? "Mashups" : artists,
                            null,
                            mashup,
                            null,
                            null,
                            null,
                            mashup);
                });
            default ->
                Uni.createFrom().failure(new SourceException("mashups: no chart " + region + " (songs, rising)"));
        };
    }

    private Uni<Fetched> chart(
            String region, String query, OffsetDateTime since, BiFunction<Row, Integer, ChartItem> item) {
        return pool.preparedQuery(query)
                .execute(Tuple.of(since, settings.maxItems()))
                .map(rows -> {
                    List<ChartItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(item.apply(row, items.size() + 1));
                    }
                    return Fetched.one(new Chart("mashups", region, items, 0), 0);
                });
    }
}
