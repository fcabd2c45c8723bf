package io.mashups.studio.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.json.Json;
import io.mashups.studio.StudioConfig;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Daily.co through its REST API: the private room {@code studio_<projectId>} is looked up and created when missing
 * (at most {@code max-participants}, no screen share, no chat, as the seed plan sets it), then a meeting token for the
 * member with an expiry. Failures of Daily become 502 problems; no API key is 503.
 */
public class DailyVoice implements VoiceProvider {
    private static final ObjectMapper JSON = Json.mapper();
    private final StudioConfig.Voice config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DailyVoice(StudioConfig.Voice config) {
        this.config = config;
    }

    @Override
    public Uni<VoiceRoom> join(String room, String userId, boolean speaker) {
        String key = config.daily().apiKey().orElse("");
        if (key.isBlank()) {
            throw ProblemException.unavailable("Voice is not configured: DAILY_API_KEY is missing");
        }
        Instant expires = Instant.now().plus(config.tokenTtl());
        return call(key, "GET", "/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8), null)
                .chain(found -> found.statusCode() == 404
                        ? call(key, "POST", "/rooms", newRoom(room))
                        : Uni.createFrom().item(found))
                .map(DailyVoice::body)
                .chain(created -> {
                    ObjectNode properties = JSON.createObjectNode()
                            .put("room_name", created.path("name").asText(room))
                            .put("user_id", userId)
                            .put("user_name", userId)
                            .put("exp", expires.getEpochSecond())
                            .put("is_owner", false)
                            .put("start_audio_off", !speaker);
                    ObjectNode tokenRequest = JSON.createObjectNode();
                    tokenRequest.set("properties", properties);
                    return call(key, "POST", "/meeting-tokens", tokenRequest)
                            .map(DailyVoice::body)
                            .map(token -> VoiceRoom.of(
                                    "daily",
                                    created.path("name").asText(room),
                                    created.path("url").asText(),
                                    token.path("token").asText(),
                                    expires));
                });
    }

    private ObjectNode newRoom(String room) {
        ObjectNode body = JSON.createObjectNode().put("name", room).put("privacy", "private");
        body.putObject("properties")
                .put("max_participants", config.maxParticipants())
                .put("enable_screenshare", false)
                .put("enable_chat", false);
        return body;
    }

    private Uni<HttpResponse<String>> call(String key, String method, String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.daily().apiUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure(IOException.class)
                .transform(e -> ProblemException.badGateway("Daily did not answer: " + e.getMessage()));
    }

    private static JsonNode body(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw ProblemException.badGateway("Daily answered " + response.statusCode() + " to "
                    + response.request().uri().getPath());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw ProblemException.badGateway("Daily answered something that is not JSON");
        }
    }
}
