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
 * Apple's marketing RSS feed of the most-played songs per storefront ({@code /api/v2/{cc}/music/most-played/{n}/
 * songs.json}, n one of 10, 25, 50, 100), no key. One request per region; the feed gives no ISRC and no preview.
 */
@Singleton
public class AppleMusicFetcher extends HttpFetcher {
    private static final int[] SIZES = {10, 25, 50, 100};

    @Inject
    public AppleMusicFetcher(TrendsConfig config) {
        this(config.appleMusic());
    }

    AppleMusicFetcher(TrendsConfig.Source settings) {
        super("apple-music", settings);
    }

    @Override
    public List<String> sources() {
        return List.of("apple-music");
    }

    @Override
    protected Fetched fetchNow(String region, int requestsAllowed) {
        String country = region.toLowerCase(Locale.ROOT);
        Answer answer = get(
                baseUrl() + "/api/v2/" + encode(country) + "/music/most-played/" + size() + "/songs.json",
                Map.of("Accept", "application/json"));
        JsonNode body = json(answer);
        if (!answer.ok()) {
            throw refused(answer);
        }
        JsonNode results = body.path("feed").path("results");
        if (!results.isArray()) {
            throw new SourceException("apple-music: the feed has no results list");
        }
        List<ChartItem> items = new ArrayList<>();
        int skipped = 0;
        for (JsonNode song : results) {
            if (items.size() >= settings().maxItems()) {
                break;
            }
            String title = text(song, "name");
            String artist = text(song, "artistName");
            if (title == null || artist == null) {
                skipped++;
                continue;
            }
            items.add(ChartItem.song(
                    items.size() + 1,
                    title,
                    artist,
                    null,
                    text(song, "id"),
                    text(song, "url"),
                    text(song, "artworkUrl100"),
                    null));
        }
        return Fetched.one(new Chart("apple-music", country, items, skipped), 1);
    }

    /** The smallest feed that holds the entries kept. */
    private int size() {
        for (int size : SIZES) {
            if (size >= settings().maxItems()) {
                return size;
            }
        }
        return SIZES[SIZES.length - 1];
    }
}
