package io.mashups.trends.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.trends.TrendsConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YouTube Data API v3 {@code videos.list} with {@code chart=mostPopular&videoCategoryId=10} (Music) per region, 50 a
 * page. Each call costs one quota unit of the project's daily 10,000, which resets at midnight Pacific time; a
 * {@code quotaExceeded} refusal stops the source until then. Videos carry no artist field: "Artist - Title (Official
 * Video)" is split, otherwise the channel ("Artist - Topic", "ArtistVEVO") is the artist.
 */
@Singleton
public class YouTubeFetcher extends HttpFetcher {
    private static final Pattern ARTIST_DASH_TITLE = Pattern.compile("^(.+?)\\s+[-–—]\\s+(.+)$");
    private static final Pattern CHANNEL_SUFFIX =
            Pattern.compile("(\\s+-\\s+topic|vevo|\\s+official)$", Pattern.CASE_INSENSITIVE);
    private static final int PAGE = 50;

    @Inject
    public YouTubeFetcher(TrendsConfig config) {
        this(config.youtube());
    }

    YouTubeFetcher(TrendsConfig.Source settings) {
        super("youtube", settings);
    }

    @Override
    public List<String> sources() {
        return List.of("youtube");
    }

    @Override
    public Optional<String> unusable() {
        if (settings().key().isEmpty()) {
            return Optional.of("no YouTube Data API key configured (YOUTUBE_API_KEY)");
        }
        return super.unusable();
    }

    @Override
    public ZoneId quotaZone() {
        return ZoneId.of("America/Los_Angeles");
    }

    @Override
    protected Fetched fetchNow(String region, int requestsAllowed) {
        List<ChartItem> items = new ArrayList<>();
        int skipped = 0;
        int requests = 0;
        String pageToken = null;
        do {
            if (requests >= requestsAllowed) {
                break;
            }
            String url = baseUrl() + "/videos?part=snippet&chart=mostPopular&videoCategoryId=10&regionCode="
                    + region.toUpperCase(Locale.ROOT) + "&maxResults="
                    + Math.min(PAGE, settings().maxItems() - items.size()) + "&key="
                    + encode(settings().key().orElseThrow())
                    + (pageToken == null ? "" : "&pageToken=" + encode(pageToken));
            requests++;
            Answer answer = get(url, Map.of("Accept", "application/json"));
            JsonNode body = json(answer);
            if (!answer.ok()) {
                throw quotaOrRefusal(answer, body, requests);
            }
            for (JsonNode video : body.path("items")) {
                ChartItem item = item(video, items.size() + 1);
                if (item == null) {
                    skipped++;
                } else {
                    items.add(item);
                }
            }
            pageToken = text(body, "nextPageToken");
        } while (pageToken != null && items.size() < settings().maxItems());
        return Fetched.one(new Chart("youtube", region.toLowerCase(Locale.ROOT), items, skipped), requests);
    }

    /** {@code quotaExceeded} (and the older {@code dailyLimitExceeded}) stop the source; anything else is a failure. */
    private RuntimeException quotaOrRefusal(Answer answer, JsonNode body, int requests) {
        for (JsonNode error : body.path("error").path("errors")) {
            String reason = error.path("reason").asText();
            if (answer.status() == 403 && (reason.equals("quotaExceeded") || reason.equals("dailyLimitExceeded"))) {
                return new QuotaExceededException(
                        "YouTube quota exceeded: "
                                + body.path("error").path("message").asText(reason),
                        requests);
            }
        }
        return refused(answer);
    }

    private static ChartItem item(JsonNode video, int rank) {
        String id = text(video, "id");
        JsonNode snippet = video.path("snippet");
        String title = text(snippet, "title");
        String channel = text(snippet, "channelTitle");
        if (id == null || title == null) {
            return null;
        }
        String artist;
        String song;
        Matcher split = ARTIST_DASH_TITLE.matcher(title);
        if (split.matches()) {
            artist = split.group(1);
            song = split.group(2);
        } else if (channel != null) {
            artist = CHANNEL_SUFFIX.matcher(channel).replaceAll("").strip();
            song = title;
        } else {
            return null;
        }
        JsonNode thumbnails = snippet.path("thumbnails");
        String thumbnail = text(thumbnails.path("medium"), "url");
        if (thumbnail == null) {
            thumbnail = text(thumbnails.path("default"), "url");
        }
        return ChartItem.song(rank, song, artist, null, id, "https://www.youtube.com/watch?v=" + id, thumbnail, null);
    }
}
