package io.mashups.trends.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.trends.TrendsConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deezer's public API, no key: the worldwide chart ({@code /chart/0/tracks}, region {@code global}) and, for a
 * country, the chart playlist Deezer keeps for it ({@code /playlist/{id}/tracks}, configured as {@code FR:1109890291}).
 * Pages follow the answer's {@code next}. Deezer reports errors in a 200 answer's {@code error} object (code 4 is its
 * request quota).
 */
@Singleton
public class DeezerFetcher extends HttpFetcher {
    private static final int PAGE = 50;

    @Inject
    public DeezerFetcher(TrendsConfig config) {
        this(config.deezer());
    }

    DeezerFetcher(TrendsConfig.Source settings) {
        super("deezer", settings);
    }

    @Override
    public List<String> sources() {
        return List.of("deezer");
    }

    @Override
    protected Fetched fetchNow(String region, int requestsAllowed) {
        String[] country = region.split(":", 2);
        String path = country.length == 2 ? "/playlist/" + encode(country[1].strip()) + "/tracks" : "/chart/0/tracks";
        String url = baseUrl() + path + "?limit=" + Math.min(PAGE, settings().maxItems());
        List<ChartItem> items = new ArrayList<>();
        int skipped = 0;
        int requests = 0;
        while (url != null && items.size() < settings().maxItems() && requests < requestsAllowed) {
            requests++;
            Answer answer = get(url, Map.of("Accept", "application/json"));
            JsonNode body = json(answer);
            if (!answer.ok()) {
                throw refused(answer);
            }
            if (body.has("error")) {
                throw new SourceException(
                        "deezer: " + body.path("error").path("message").asText("error") + " (code "
                                + body.path("error").path("code").asText() + ")");
            }
            for (JsonNode track : body.path("data")) {
                if (items.size() >= settings().maxItems()) {
                    break;
                }
                ChartItem item = item(track, items.size() + 1);
                if (item == null) {
                    skipped++;
                } else {
                    items.add(item);
                }
            }
            url = text(body, "next");
            if (url != null && !url.startsWith(baseUrl())) {
                // Deezer's next link names its public host; keep to the configured one (a proxy, a fake)
                url = baseUrl() + url.replaceFirst("^https?://[^/]+", "");
            }
        }
        return Fetched.one(new Chart("deezer", country[0].strip().toLowerCase(Locale.ROOT), items, skipped), requests);
    }

    private static ChartItem item(JsonNode track, int rank) {
        String title = text(track, "title");
        String artist = text(track.path("artist"), "name");
        if (title == null || artist == null || !track.path("id").canConvertToLong()) {
            return null;
        }
        return ChartItem.song(
                rank,
                title,
                artist,
                text(track, "isrc"),
                track.path("id").asText(),
                text(track, "link"),
                text(track.path("album"), "cover_medium"),
                text(track, "preview"));
    }
}
