package io.mashups.attribution.chromaprint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.attribution.config.AttributionConfig;
import io.mashups.testing.ProviderFake;
import io.mashups.testing.audio.SongSynth;
import io.mashups.web.ProblemException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AcoustID lookup client against a local fake serving the web service's documented responses. */
class AcoustIdClientTest {
    /** The example lookup response of AcoustID's web service documentation. */
    private static final String LOOKUP_OK = """
            {"status": "ok", "results": [{"score": 1.0, "id": "9ff43b6a-4f16-427c-93c2-92307ca505e0",
              "recordings": [{"duration": 639,
                "releasegroups": [{"type": "Album", "id": "ddaa2d4d-314e-3e7c-b1d0-f6d207f5aa2f",
                                   "title": "Before the Dawn Heals Us"}],
                "title": "Lower Your Eyelids to Die With the Sun", "id": "cd2e7c47-16f5-46c6-a37c-a1eb7bf599ff",
                "artists": [{"id": "6d7b7cd4-254b-4c25-83f6-dd20f98ceacd", "name": "M83"}]}]}]}""";

    private static final String INVALID_KEY = """
            {"status": "error", "error": {"code": 4, "message": "invalid API key"}}""";
    private static ProviderFake acoustId;
    private static Chromaprint.Print print;

    @BeforeAll
    static void fake() throws Exception {
        acoustId = new ProviderFake();
        Path song = Files.createTempFile("acoustid", ".wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(120, 0, false, 12, false, 77))
                        .mix(),
                song);
        print = Chromaprint.of(song).orElseThrow();
    }

    @AfterAll
    static void stop() {
        acoustId.close();
    }

    private static AcoustIdClient client(String key) {
        return new AcoustIdClient(new AttributionConfig.AcoustId() {
            public Optional<String> clientKey() {
                return Optional.ofNullable(key);
            }

            public String baseUrl() {
                return acoustId.baseUrl();
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        });
    }

    @Test
    void aLookupSendsTheChromaprintAndReadsMusicBrainzRecordings() {
        acoustId.reset();
        acoustId.client()
                .register(post(urlEqualTo("/v2/lookup"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(LOOKUP_OK)));

        List<AcoustIdClient.Recording> recordings = client("app-key").lookup(print);

        assertEquals(1, recordings.size());
        AcoustIdClient.Recording recording = recordings.get(0);
        assertEquals("9ff43b6a-4f16-427c-93c2-92307ca505e0", recording.acoustId());
        assertEquals(1.0, recording.score());
        assertEquals("cd2e7c47-16f5-46c6-a37c-a1eb7bf599ff", recording.recordingId());
        assertEquals("Lower Your Eyelids to Die With the Sun", recording.title());
        assertEquals(List.of("M83"), recording.artists());
        assertEquals(Optional.of(639), recording.durationSec());
        assertEquals(List.of("Before the Dawn Heals Us"), recording.releaseGroups());
        acoustId.client()
                .verifyThat(postRequestedFor(urlEqualTo("/v2/lookup"))
                        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                        .withRequestBody(containing("client=app-key"))
                        .withRequestBody(containing("meta=recordings+releasegroups"))
                        .withRequestBody(containing("duration=" + print.durationSec()))
                        .withRequestBody(containing(
                                "fingerprint=" + URLEncoder.encode(print.fingerprint(), StandardCharsets.UTF_8))));
        assertTrue(print.durationSec() >= 23 && print.durationSec() <= 25, "fpcalc measured the 24 s song");
    }

    @Test
    void noMatchIsAnEmptyListAndRefusalsAreBadGateway() {
        acoustId.reset();
        acoustId.client()
                .register(post(urlEqualTo("/v2/lookup"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"status\": \"ok\", \"results\": []}")));
        assertEquals(List.of(), client("app-key").lookup(print));

        acoustId.client()
                .register(post(urlEqualTo("/v2/lookup"))
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody(INVALID_KEY)));
        ProblemException refused =
                assertThrows(ProblemException.class, () -> client("wrong").lookup(print));
        assertEquals(502, refused.problem().status());
        assertTrue(refused.problem().detail().contains("invalid API key"));

        acoustId.client()
                .register(post(urlEqualTo("/v2/lookup"))
                        .willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")));
        assertEquals(
                502,
                assertThrows(ProblemException.class, () -> client("app-key").lookup(print))
                        .problem()
                        .status());
    }

    @Test
    void withoutAKeyTheLookupIsOff() {
        assertFalse(client(null).enabled());
        assertFalse(client("  ").enabled());
        assertTrue(client("app-key").enabled());
    }
}
