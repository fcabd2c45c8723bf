package io.mashups.captions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.captions.format.Word;
import io.mashups.json.Json;
import io.mashups.media.MediaTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A client for any OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI Whisper, faster-whisper and
 * whisper.cpp servers): multipart upload, {@code response_format=verbose_json} with word timestamps. The audio is
 * sent as mono 64 kbit/s MP3; when that is still over the upload limit it is cut into overlapping chunks, each
 * transcribed on its own, and their words are stitched back on one timeline: a word belongs to the chunk that holds
 * its middle, so the borders (in the middle of each overlap) neither drop nor repeat a word. Blocking.
 */
public final class WhisperClient implements Transcriber {
    public static final String ENGINE = "openai-compatible";
    /** ISO 639-1 codes of the languages Whisper transcribes. */
    private static final Set<String> LANGUAGES = Set.of(
            "af", "ar", "hy", "az", "be", "bs", "bg", "ca", "zh", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "gl",
            "de", "el", "he", "hi", "hu", "is", "id", "it", "ja", "kn", "kk", "ko", "lv", "lt", "mk", "ms", "mr", "mi",
            "ne", "no", "fa", "pl", "pt", "ro", "ru", "sr", "sk", "sl", "es", "sw", "sv", "tl", "ta", "th", "tr", "uk",
            "ur", "vi", "cy");

    private static final ObjectMapper JSON = Json.mapper();
    private static final int BITRATE = 64_000;

    private final TranscriptionConfig config;
    private final HttpClient http;

    public WhisperClient(TranscriptionConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .build();
    }

    @Override
    public Set<String> languages() {
        return LANGUAGES;
    }

    @Override
    public Transcript transcribe(Path audio, String language, double durationSec, Path workDir)
            throws IOException, InterruptedException {
        double overlap = config.chunkOverlap().toMillis() / 1000.0;
        // bytes per second of the MP3 we send, with headroom for the container and the multipart envelope
        double bytesPerSecond = BITRATE / 8.0 * 1.05;
        double chunkSeconds = Math.max(2 * overlap + 1, (config.maxUploadBytes() - 64 * 1024) / bytesPerSecond);
        List<Word> words = new ArrayList<>();
        String detected = language;
        double step = chunkSeconds - overlap;
        for (int index = 0; index * step < durationSec; index++) {
            double offset = index * step;
            boolean last = offset + chunkSeconds >= durationSec;
            Path chunk = workDir.resolve("chunk-" + index + ".mp3");
            MediaTools.ffmpeg(List.of(
                    "-ss",
                    seconds(offset),
                    "-t",
                    seconds(chunkSeconds),
                    "-i",
                    audio.toString(),
                    "-vn",
                    "-ac",
                    "1",
                    "-ar",
                    "16000",
                    "-c:a",
                    "libmp3lame",
                    "-b:a",
                    String.valueOf(BITRATE),
                    chunk.toString()));
            JsonNode response = post(chunk, language);
            if (detected == null && response.hasNonNull("language")) {
                detected = response.path("language").asText();
            }
            double ownFrom = index == 0 ? 0 : offset + overlap / 2;
            double ownTo = last ? Double.MAX_VALUE : offset + chunkSeconds - overlap / 2;
            for (JsonNode word : response.path("words")) {
                double start = offset + word.path("start").asDouble();
                double end =
                        offset + word.path("end").asDouble(word.path("start").asDouble());
                double middle = (start + end) / 2;
                if (middle >= ownFrom && middle < ownTo) {
                    String text = word.path("word").asText().strip();
                    double from = words.isEmpty()
                            ? start
                            : Math.max(start, words.get(words.size() - 1).end());
                    if (!text.isEmpty()) {
                        words.add(new Word(
                                Math.min(from, durationSec),
                                Math.min(Math.max(from, end), durationSec),
                                text,
                                word.path("probability").asDouble(1)));
                    }
                }
            }
            if (last) {
                break;
            }
        }
        return new Transcript(detected == null ? "en" : detected, ENGINE, words, false);
    }

    private JsonNode post(Path file, String language) throws IOException, InterruptedException {
        String boundary = "mashups-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "model", config.model());
        field(body, boundary, "response_format", "verbose_json");
        field(body, boundary, "timestamp_granularities[]", "word");
        field(body, boundary, "timestamp_granularities[]", "segment");
        if (language != null) {
            field(body, boundary, "language", language);
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.mp3\"\r\n"
                        + "Content-Type: audio/mpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(config.baseUrl().orElseThrow().replaceAll("/+$", "") + "/v1/audio/transcriptions"))
                .timeout(config.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        config.apiKey()
                .filter(key -> !key.isBlank())
                .ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String message = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            throw new IOException("transcription API answered " + response.statusCode() + ": " + message);
        }
        return JSON.readTree(response.body());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value)
            throws IOException {
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
