package io.mashups.trends.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.trends.TrendsConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Last.fm's {@code chart.getTopTracks} (region {@code global}) or {@code geo.getTopTracks} (a country by its ISO 3166
 * name, as Last.fm wants it), paged by {@code @attr.totalPages}; only with an API key. Last.fm answers errors as
 * {@code {"error": n, "message": ...}} (29: rate limit, 10: invalid key).
 */
@Singleton
public class LastFmFetcher extends HttpFetcher {
    private static final int PAGE = 50;

    @Inject
    public LastFmFetcher(TrendsConfig config) {
        this(config.lastfm());
    }

    LastFmFetcher(TrendsConfig.Source settings) {
        super("lastfm", settings);
    }

    @Override
    public List<String> sources() {
        return List.of("lastfm");
    }

    @Override
    public Optional<String> unusable() {
        if (settings().key().isEmpty()) {
            return Optional.of("no Last.fm API key configured (LASTFM_API_KEY)");
        }
        return super.unusable();
    }

    @Override
    protected Fetched fetchNow(String region, int requestsAllowed) {
        boolean global = region.equalsIgnoreCase("global");
        String method = global ? "chart.gettoptracks" : "geo.gettoptracks&country=" + encode(region);
        List<ChartItem> items = new ArrayList<>();
        int skipped = 0;
        int requests = 0;
        int pages = 1;
        for (int page = 1;
                page <= pages && items.size() < settings().maxItems() && requests < requestsAllowed;
                page++) {
            requests++;
            Answer answer = get(
                    baseUrl() + "/2.0/?method=" + method + "&api_key="
                            + encode(settings().key().orElseThrow()) + "&format=json&limit="
                            + Math.min(PAGE, settings().maxItems()) + "&page=" + page,
                    Map.of("Accept", "application/json"));
            JsonNode body = json(answer);
            if (body.has("error") || !answer.ok()) {
                throw new SourceException("lastfm: " + body.path("message").asText("refused") + " (error "
                        + body.path("error").asText(String.valueOf(answer.status())) + ")");
            }
            JsonNode tracks = body.path("tracks");
            pages = tracks.path("@attr").path("totalPages").asInt(1);
            for (JsonNode track : tracks.path("track")) {
                if (items.size() >= settings().maxItems()) {
                    break;
                }
                String title = text(track, "name");
                String artist = text(track.path("artist"), "name");
                if (title == null || artist == null) {
                    skipped++;
                    continue;
                }
                items.add(ChartItem.song(
                        items.size() + 1,
                        title,
                        artist,
                        null,
                        text(track, "mbid"),
                        text(track, "url"),
                        image(track),
                        null));
            }
        }
        return Fetched.one(new Chart("lastfm", region.toLowerCase(Locale.ROOT), items, skipped), requests);
    }

    /** The "large" image, when Last.fm gives a real one. */
    private static String image(JsonNode track) {
        for (JsonNode image : track.path("image")) {
            if ("large".equals(image.path("size").asText())) {
                return text(image, "#text");
            }
        }
        return null;
    }
}
