package io.mashups.captions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.captions.format.Word;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a local fake, with a 4-minute input cut into chunks. */
class WhisperClientTest {
    private static final int BEEPS = 160;
    private static final double SPACING = 1.5;
    private static Path audio;
    private static double duration;

    /** Beep k at 300 + 10 k Hz, 0.3 s long, every 1.5 s. */
    @BeforeAll
    static void beeps() throws Exception {
        int rate = 16000;
        duration = BEEPS * SPACING + 1;
        int length = (int) (duration * rate);
        ByteBuffer pcm = ByteBuffer.allocate(length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            double t = (double) i / rate;
            int k = (int) ((t - 0.5) / SPACING);
            double into = t - 0.5 - k * SPACING;
            boolean on = t >= 0.5 && k < BEEPS && into < 0.3;
            pcm.putFloat(on ? (float) (0.5 * Math.sin(2 * Math.PI * (300 + 10 * k) * into)) : 0f);
        }
        Path raw = Files.createTempFile("beeps", ".f32");
        Files.write(raw, pcm.array());
        audio = Files.createTempFile("beeps", ".wav");
        MediaTools.ffmpeg(List.of(
                "-f", "f32le", "-ar", String.valueOf(rate), "-ac", "1", "-i", raw.toString(), audio.toString()));
    }

    private static TranscriptionConfig config(String baseUrl, String key, long maxUploadBytes) {
        return new TranscriptionConfig() {
            public String engine() {
                return WhisperClient.ENGINE;
            }

            public Optional<String> baseUrl() {
                return Optional.of(baseUrl);
            }

            public Optional<String> apiKey() {
                return Optional.of(key);
            }

            public String model() {
                return "whisper-1";
            }

            public long maxUploadBytes() {
                return maxUploadBytes;
            }

            public Duration chunkOverlap() {
                return Duration.ofSeconds(10);
            }

            public Duration timeout() {
                return Duration.ofSeconds(30);
            }
        };
    }

    @Test
    void longAudioIsChunkedUnderTheLimitAndStitchedWithoutGapsOrDuplicates() throws Exception {
        try (WhisperFake fake = new WhisperFake()) {
            long limit = 600_000; // about a minute of audio per upload
            Transcript transcript = new WhisperClient(config(fake.baseUrl(), "test-key", limit))
                    .transcribe(audio, null, duration, Files.createTempDirectory("chunks"));

            assertTrue(fake.requests.size() >= 4, "cut into chunks: " + fake.requests.size());
            fake.uploadSizes.forEach(size -> assertTrue(size <= limit, "each upload under the limit: " + size));
            fake.requests.forEach(fields -> {
                assertEquals("whisper-1", fields.get("model"));
                assertEquals("verbose_json", fields.get("response_format"));
                assertEquals("word,segment", fields.get("timestamp_granularities[]"));
            });
            List<Word> words = transcript.words();
            assertEquals(
                    BEEPS,
                    words.size(),
                    "every beep once: " + words.stream().map(Word::word).toList());
            for (int k = 0; k < BEEPS; k++) {
                Word word = words.get(k);
                assertEquals("beep" + k, word.word(), "in order, none doubled or dropped at chunk borders");
                assertEquals(0.5 + k * SPACING, word.start(), 0.05, "stitched onto the whole file's timeline");
                if (k > 0) {
                    assertTrue(word.start() >= words.get(k - 1).end());
                }
            }
            assertEquals("english", transcript.language());
        }
    }

    @Test
    void aRefusedKeyIsAnErrorWithTheApisMessage() throws Exception {
        try (WhisperFake fake = new WhisperFake()) {
            IOException refused = assertThrows(
                    IOException.class,
                    () -> new WhisperClient(config(fake.baseUrl(), "wrong", 25_000_000))
                            .transcribe(audio, "en", duration, Files.createTempDirectory("refused")));
            assertTrue(
                    refused.getMessage().contains("401") && refused.getMessage().contains("Incorrect API key"),
                    refused.getMessage());
        }
    }
}
