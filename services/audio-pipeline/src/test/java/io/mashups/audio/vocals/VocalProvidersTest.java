package io.mashups.audio.vocals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.media.MediaTools;
import io.mashups.testing.ProviderFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ElevenLabs and Replicate clients against a local fake serving their documented payloads. */
class VocalProvidersTest {
    /** The shape of ElevenLabs' documented {@code GET /v1/voices} answer. */
    private static final String VOICES = """
            {"voices": [{"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "category": "premade",
              "labels": {"accent": "american", "description": "calm", "age": "young", "gender": "female",
                         "use_case": "narration"},
              "preview_url": "https://example.invalid/preview.mp3", "available_for_tiers": []}]}""";

    private static final String INVALID_KEY = """
            {"detail": {"status": "invalid_api_key", "message": "Invalid API key"}}""";

    private static final VocalTask TASK = new VocalTask(
            List.of("Under the silver lights", "we wander home"),
            VocalStyle.SINGING,
            "21m00Tcm4TlvDq8ikWAM",
            96,
            MusicalKey.parse("A minor").orElseThrow(),
            null,
            1);

    private static ProviderFake fake;
    private static byte[] mp3;
    private static byte[] wav;

    @BeforeAll
    static void start() throws Exception {
        fake = new ProviderFake();
        Path dir = Files.createTempDirectory("providers");
        MediaTools.ffmpeg(List.of(
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=330:duration=1.5",
                dir.resolve("a.mp3").toString()));
        MediaTools.ffmpeg(List.of(
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=330:duration=2",
                dir.resolve("a.wav").toString()));
        mp3 = Files.readAllBytes(dir.resolve("a.mp3"));
        wav = Files.readAllBytes(dir.resolve("a.wav"));
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static ElevenLabsVocals elevenLabs(String key) {
        return new ElevenLabsVocals(new VocalsConfig.ElevenLabs() {
            public String baseUrl() {
                return fake.baseUrl();
            }

            public Optional<String> apiKey() {
                return Optional.ofNullable(key);
            }

            public String modelId() {
                return "eleven_multilingual_v2";
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        });
    }

    private static ReplicateVocals replicate(String token) {
        return new ReplicateVocals(new VocalsConfig.Replicate() {
            public String baseUrl() {
                return fake.baseUrl();
            }

            public Optional<String> apiToken() {
                return Optional.ofNullable(token);
            }

            public String version() {
                return "b76242b40d67c76ab6742e987628a2a9ac019e11ac716833f1ca8b29e9b640b";
            }

            public Duration pollInterval() {
                return Duration.ofMillis(20);
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        });
    }

    @Test
    void elevenLabsListsTheAccountsVoicesAndSpeaksTheLyricsAsMp3(@TempDir Path dir) throws Exception {
        fake.client()
                .register(get(urlEqualTo("/v1/voices"))
                        .withHeader("xi-api-key", equalTo("xi-key"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(VOICES)));
        fake.client()
                .register(post(urlEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream?output_format=mp3_44100_128"))
                        .withHeader("xi-api-key", equalTo("xi-key"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"text\": \"Under the silver lights\\nwe wander home\", \"model_id\": \"eleven_multilingual_v2\"}"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "audio/mpeg")
                                .withBody(mp3)));

        ElevenLabsVocals engine = elevenLabs("xi-key");
        List<VocalVoice> voices = engine.voices();
        assertEquals(1, voices.size());
        assertEquals("elevenlabs:21m00Tcm4TlvDq8ikWAM", voices.get(0).id());
        assertEquals("Rachel", voices.get(0).name());
        assertTrue(
                voices.get(0).description().contains("female, american, calm"),
                voices.get(0).description());

        VocalEngine.Sung sung = engine.sing(TASK, SungMeasures.context(dir));
        assertEquals(1.5, MediaTools.probe(sung.audio()).orElseThrow().durationSec(), 0.1);

        assertFalse(elevenLabs(null).available());
        assertEquals(List.of(), elevenLabs(null).voices());
    }

    @Test
    void elevenLabsRefusingTheKeyFailsTheJobWithItsReason(@TempDir Path dir) {
        fake.client()
                .register(post(urlEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream?output_format=mp3_44100_128"))
                        .willReturn(aResponse().withStatus(401).withBody(INVALID_KEY)));
        JobFailure failure =
                assertThrows(JobFailure.class, () -> elevenLabs("wrong").sing(TASK, SungMeasures.context(dir)));
        assertTrue(failure.getMessage().contains("elevenlabs answered 401"), failure.getMessage());
        assertTrue(failure.getMessage().contains("invalid_api_key"), failure.getMessage());
    }

    @Test
    void replicateRunsBarkPollsItsPredictionAndDownloadsTheOutput(@TempDir Path dir) throws Exception {
        String base = fake.baseUrl();
        fake.client()
                .register(post(urlEqualTo("/v1/predictions"))
                        .withHeader("Authorization", equalTo("Bearer r8-token"))
                        .withRequestBody(matchingJsonPath(
                                "$.version",
                                equalTo("b76242b40d67c76ab6742e987628a2a9ac019e11ac716833f1ca8b29e9b640b")))
                        .withRequestBody(matchingJsonPath(
                                "$.input.prompt", equalTo("♪ Under the silver lights ♪\n♪ we wander home ♪")))
                        .withRequestBody(matchingJsonPath("$.input.history_prompt", equalTo("en_speaker_6")))
                        .willReturn(aResponse().withStatus(201).withBody(prediction(base, "starting", null))));
        fake.client()
                .register(get(urlEqualTo("/v1/predictions/p1"))
                        .inScenario("run")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withBody(prediction(base, "processing", null)))
                        .willSetStateTo("done"));
        fake.client()
                .register(get(urlEqualTo("/v1/predictions/p1"))
                        .inScenario("run")
                        .whenScenarioStateIs("done")
                        .willReturn(aResponse()
                                .withBody(prediction(
                                        base, "succeeded", "{\"audio_out\": \"" + base + "/files/out.wav\"}"))));
        fake.client()
                .register(get(urlEqualTo("/files/out.wav"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "audio/wav")
                                .withBody(wav)));

        VocalTask task = new VocalTask(TASK.lines(), VocalStyle.SINGING, "en_speaker_6", 96, TASK.key(), null, 1);
        VocalEngine.Sung sung = replicate("r8-token").sing(task, SungMeasures.context(dir));

        assertEquals(2.0, MediaTools.probe(sung.audio()).orElseThrow().durationSec(), 0.05);
        assertEquals(10, replicate(null).voices().size());
        assertFalse(replicate(null).voices().get(0).available());
    }

    @Test
    void aCancelledJobCancelsItsPrediction(@TempDir Path dir) {
        String base = fake.baseUrl();
        fake.client()
                .register(post(urlEqualTo("/v1/predictions"))
                        .willReturn(aResponse().withStatus(201).withBody(prediction(base, "starting", null))));
        fake.client()
                .register(get(urlEqualTo("/v1/predictions/p1"))
                        .willReturn(aResponse().withBody(prediction(base, "processing", null))));
        fake.client()
                .register(post(urlEqualTo("/v1/predictions/p1/cancel"))
                        .willReturn(aResponse().withBody(prediction(base, "canceled", null))));
        JobExecutor.Context cancelled = new JobExecutor.Context() {
            public Path workDir() {
                return dir;
            }

            public void progress(String stage, int percent) throws JobExecutor.JobCancelled {
                throw new JobExecutor.JobCancelled("cancelled by its owner");
            }
        };

        assertThrows(JobExecutor.JobCancelled.class, () -> replicate("r8-token").sing(TASK, cancelled));
        fake.client().verifyThat(1, postRequestedFor(urlEqualTo("/v1/predictions/p1/cancel")));
    }

    @Test
    void aFailedPredictionFailsTheJobWithItsError(@TempDir Path dir) {
        String base = fake.baseUrl();
        fake.client()
                .register(post(urlEqualTo("/v1/predictions"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withBody(prediction(base, "failed", null)
                                        .replace("\"error\": null", "\"error\": \"CUDA out of memory\""))));
        JobFailure failure =
                assertThrows(JobFailure.class, () -> replicate("r8-token").sing(TASK, SungMeasures.context(dir)));
        assertTrue(failure.getMessage().contains("CUDA out of memory"), failure.getMessage());
    }

    /** A prediction as Replicate's documented {@code POST /v1/predictions} and {@code GET} answers give it. */
    private static String prediction(String base, String status, String output) {
        return """
                {"id": "p1", "model": "suno-ai/bark",
                 "version": "b76242b40d67c76ab6742e987628a2a9ac019e11ac716833f1ca8b29e9b640b",
                 "input": {"prompt": "..."}, "logs": "", "output": %s, "error": null, "status": "%s",
                 "created_at": "2026-12-05T06:00:00.000Z",
                 "urls": {"get": "%s/v1/predictions/p1", "cancel": "%s/v1/predictions/p1/cancel"}}""".formatted(output == null ? "null" : output, status, base, base);
    }
}
