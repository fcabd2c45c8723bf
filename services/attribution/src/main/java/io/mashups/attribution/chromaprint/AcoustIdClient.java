package io.mashups.attribution.chromaprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.json.Json;
import io.mashups.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AcoustID web service's {@code /v2/lookup}: a Chromaprint and duration in, the MusicBrainz recordings it
 * matches out (with title, artists and release groups). Off unless a client key is configured. Blocking.
 */
@ApplicationScoped
public class AcoustIdClient {
    private static final ObjectMapper JSON = Json.mapper();
    private final AttributionConfig.AcoustId config;
    private final HttpClient http;

    @Inject
    public AcoustIdClient(AttributionConfig config) {
        this(config.acoustid());
    }

    AcoustIdClient(AttributionConfig.AcoustId config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    public boolean enabled() {
        return config.clientKey().filter(key -> !key.isBlank()).isPresent();
    }

    /** A MusicBrainz recording AcoustID matched, with AcoustID's score (0-1) for the track it belongs to. */
    public record Recording(
            String acoustId,
            double score,
            String recordingId,
            String title,
            List<String> artists,
            Optional<Integer> durationSec,
            List<String> releaseGroups) {}

    /** Recordings matching the print, best first; empty when AcoustID knows none. 502 problem when it fails. */
    public List<Recording> lookup(Chromaprint.Print print) {
        String form = "client=" + encode(config.clientKey().orElseThrow()) + "&meta=recordings+releasegroups"
                + "&format=json&duration=" + print.durationSec() + "&fingerprint=" + encode(print.fingerprint());
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl().replaceAll("/+$", "") + "/v2/lookup"))
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        JsonNode body;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw ProblemException.badGateway("AcoustID could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.badGateway("AcoustID lookup interrupted");
        }
        if (!"ok".equals(body.path("status").asText())) {
            throw ProblemException.badGateway("AcoustID refused the lookup: "
                    + body.path("error").path("message").asText("no reason given"));
        }
        List<Recording> recordings = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            for (JsonNode recording : result.path("recordings")) {
                List<String> artists = new ArrayList<>();
                recording
                        .path("artists")
                        .forEach(artist -> artists.add(artist.path("name").asText()));
                List<String> groups = new ArrayList<>();
                recording
                        .path("releasegroups")
                        .forEach(group -> groups.add(group.path("title").asText()));
                recordings.add(new Recording(
                        result.path("id").asText(),
                        result.path("score").asDouble(),
                        recording.path("id").asText(),
                        recording.path("title").asText(null),
                        artists,
                        recording.has("duration")
                                ? Optional.of(recording.path("duration").asInt())
                                : Optional.empty(),
                        groups));
            }
        }
        return recordings;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
