package io.mashups.audio.vocals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.jobs.JobExecutor;
import io.mashups.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ElevenLabs text to speech: {@code GET /v1/voices} lists the account's voices, {@code POST
 * /v1/text-to-speech/{voice_id}/stream} speaks the lyrics (MP3). It speaks every style (it does not sing) in the
 * model's languages, with its own timing. Blocking.
 */
@ApplicationScoped
public class ElevenLabsVocals implements VocalEngine {
    public static final String ID = "elevenlabs";
    private static final ObjectMapper JSON = Json.mapper();

    private final VocalsConfig.ElevenLabs config;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();

    @jakarta.inject.Inject
    public ElevenLabsVocals(VocalsConfig config) {
        this(config.elevenlabs());
    }

    ElevenLabsVocals(VocalsConfig.ElevenLabs config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available() {
        return config.apiKey().filter(key -> !key.isBlank()).isPresent();
    }

    @Override
    public List<VocalVoice> voices() throws Exception {
        if (!available()) {
            return List.of();
        }
        HttpResponse<String> response =
                http.send(request("/v1/voices").GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(ProviderCalls.checked(ID, response.statusCode(), response.body()));
        List<VocalVoice> voices = new ArrayList<>();
        for (JsonNode voice : body.path("voices")) {
            JsonNode labels = voice.path("labels");
            String description = String.join(
                            ", ",
                            labels.path("gender").asText(""),
                            labels.path("accent").asText(""),
                            labels.path("description").asText(""))
                    .replaceAll("(, )+", ", ")
                    .replaceAll("^, |, $", "");
            voices.add(new VocalVoice(
                    ID + ":" + voice.path("voice_id").asText(),
                    voice.path("name").asText(),
                    ID,
                    true,
                    VocalVoice.ALL_STYLES,
                    "ElevenLabs " + voice.path("category").asText("voice")
                            + (description.isEmpty() ? "" : ", " + description)));
        }
        return voices;
    }

    @Override
    public Sung sing(VocalTask task, JobExecutor.Context context) throws Exception {
        context.progress("speaking", 20);
        String body =
                JSON.writeValueAsString(Map.of("text", String.join("\n", task.lines()), "model_id", config.modelId()));
        Path audio = context.workDir().resolve("elevenlabs.mp3");
        HttpResponse<Path> response = http.send(
                request("/v1/text-to-speech/" + URLEncoder.encode(task.voice(), StandardCharsets.UTF_8)
                                + "/stream?output_format=mp3_44100_128")
                        .header("Content-Type", "application/json")
                        .header("Accept", "audio/mpeg")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofFile(audio));
        if (response.statusCode() / 100 != 2) {
            ProviderCalls.checked(ID, response.statusCode(), java.nio.file.Files.readString(audio));
        }
        return new Sung(audio, null);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl().replaceAll("/+$", "") + path))
                .timeout(config.timeout())
                .header("xi-api-key", config.apiKey().orElse(""));
    }
}
