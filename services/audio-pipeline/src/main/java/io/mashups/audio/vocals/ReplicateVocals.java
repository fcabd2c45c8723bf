package io.mashups.audio.vocals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Replicate predictions of Bark (the seed plan's model): {@code POST /v1/predictions} creates one, its {@code
 * urls.get} is polled until it succeeds, fails or is cancelled, and its {@code urls.cancel} is called when the job
 * is cancelled or runs out of time. Bark sings lines between ♪ marks; its voices are its speaker presets. Blocking.
 */
@ApplicationScoped
public class ReplicateVocals implements VocalEngine {
    public static final String ID = "replicate";
    private static final ObjectMapper JSON = Json.mapper();
    private static final List<String> SPEAKERS =
            IntStream.range(0, 10).mapToObj(i -> "en_speaker_" + i).toList();

    private final VocalsConfig.Replicate config;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();

    @jakarta.inject.Inject
    public ReplicateVocals(VocalsConfig config) {
        this(config.replicate());
    }

    ReplicateVocals(VocalsConfig.Replicate config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available() {
        return config.apiToken().filter(token -> !token.isBlank()).isPresent();
    }

    @Override
    public List<VocalVoice> voices() {
        return SPEAKERS.stream()
                .map(speaker -> new VocalVoice(
                        ID + ":" + speaker,
                        "Bark " + speaker.replace('_', ' '),
                        ID,
                        available(),
                        VocalVoice.ALL_STYLES,
                        "Bark on Replicate, English speaker preset"))
                .toList();
    }

    @Override
    public Sung sing(VocalTask task, JobExecutor.Context context) throws Exception {
        String prompt = task.style() == VocalStyle.SINGING
                ? String.join(
                        "\n",
                        task.lines().stream().map(line -> "♪ " + line + " ♪").toList())
                : String.join("\n", task.lines());
        String body = JSON.writeValueAsString(
                Map.of("version", config.version(), "input", Map.of("prompt", prompt, "history_prompt", task.voice())));
        JsonNode prediction = call(request(config.baseUrl().replaceAll("/+$", "") + "/v1/predictions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        long deadline = System.nanoTime() + config.timeout().toNanos();
        int progress = 20;
        try {
            while (!finished(prediction)) {
                if (System.nanoTime() > deadline) {
                    throw new JobFailure("Replicate's prediction took longer than " + config.timeout());
                }
                context.progress("waiting for Replicate", progress = Math.min(80, progress + 2));
                Thread.sleep(config.pollInterval().toMillis());
                prediction = call(request(prediction.path("urls").path("get").asText())
                        .GET()
                        .build());
            }
        } catch (Exception e) {
            cancel(prediction);
            throw e;
        }
        if (!"succeeded".equals(prediction.path("status").asText())) {
            throw new JobFailure(
                    "Replicate's prediction " + prediction.path("status").asText() + ": "
                            + prediction.path("error").asText("no reason given"));
        }
        JsonNode output = prediction.path("output");
        String url =
                output.isTextual() ? output.asText() : output.path("audio_out").asText();
        if (url.isEmpty()) {
            throw new JobFailure("Replicate's prediction gave no audio");
        }
        Path audio = context.workDir().resolve("replicate-output");
        HttpResponse<Path> download = http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(audio));
        if (download.statusCode() / 100 != 2) {
            ProviderCalls.checked(ID, download.statusCode(), Files.readString(audio));
        }
        return new Sung(audio, null);
    }

    private static boolean finished(JsonNode prediction) {
        return List.of("succeeded", "failed", "canceled")
                .contains(prediction.path("status").asText());
    }

    /** Asks Replicate to stop a prediction nobody waits for any more; a failure to is only logged by the job. */
    private void cancel(JsonNode prediction) {
        String url = prediction.path("urls").path("cancel").asText();
        if (url.isEmpty() || finished(prediction)) {
            return;
        }
        try {
            http.send(
                    request(url).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            org.jboss.logging.Logger.getLogger(ReplicateVocals.class)
                    .warnf(
                            "could not cancel Replicate prediction %s: %s",
                            prediction.path("id").asText(), e);
        }
    }

    private JsonNode call(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(ProviderCalls.checked(ID, response.statusCode(), response.body()));
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + config.apiToken().orElse(""));
    }
}
