package io.mashups.studio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mashups.studio.voice.DailyVoice;
import io.mashups.studio.voice.VoiceRoom;
import io.mashups.testing.ProviderFake;
import io.mashups.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Daily.co client against a local fake serving Daily's documented room and meeting-token responses. */
class DailyVoiceTest {
    private static ProviderFake daily;
    private DailyVoice voice;

    @BeforeAll
    static void start() {
        daily = new ProviderFake();
    }

    @AfterAll
    static void stop() {
        daily.close();
    }

    @BeforeEach
    void reset() {
        daily.reset();
        voice = new DailyVoice(new TestVoiceConfig(daily.baseUrl(), "daily-key"));
    }

    private static final String ROOM = """
            {"id":"d61cd7b2-a273-42b4-89bd-be763fd562c1","name":"studio_p1","api_created":true,"privacy":"private",
             "url":"https://mashups.daily.co/studio_p1","created_at":"2026-11-25T12:00:00.000Z",
             "config":{"max_participants":10,"enable_screenshare":false,"enable_chat":false}}""";

    @Test
    void createsThePrivateRoomWhenMissingAndIssuesAMeetingTokenWithExpiry() {
        daily.client()
                .register(get(urlEqualTo("/rooms/studio_p1"))
                        .willReturn(aResponse()
                                .withStatus(404)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":\"not-found\",\"info\":\"room studio_p1 not found\"}")));
        daily.client()
                .register(post(urlEqualTo("/rooms"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(ROOM)));
        daily.client()
                .register(post(urlEqualTo("/meeting-tokens"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"eyJhbGciOiJIUzI1NiJ9.meeting.token\"}")));

        VoiceRoom room = voice.join("studio_p1", "alice", true).await().atMost(Duration.ofSeconds(10));

        assertEquals("daily", room.provider());
        assertEquals("https://mashups.daily.co/studio_p1", room.url());
        assertEquals("eyJhbGciOiJIUzI1NiJ9.meeting.token", room.token());
        daily.client()
                .verifyThat(postRequestedFor(urlEqualTo("/rooms"))
                        .withHeader("Authorization", equalTo("Bearer daily-key"))
                        .withRequestBody(equalToJson("{\"name\":\"studio_p1\",\"privacy\":\"private\",\"properties\":"
                                + "{\"max_participants\":10,\"enable_screenshare\":false,\"enable_chat\":false}}")));
        daily.client()
                .verifyThat(postRequestedFor(urlEqualTo("/meeting-tokens"))
                        .withRequestBody(matchingJsonPath("$.properties.room_name", equalTo("studio_p1")))
                        .withRequestBody(matchingJsonPath("$.properties.user_id", equalTo("alice")))
                        .withRequestBody(matchingJsonPath(
                                "$.properties.exp",
                                equalTo(String.valueOf(room.expiresAt().getEpochSecond())))));
        assertEquals(true, room.expiresAt().isAfter(Instant.now().plusSeconds(3600)));
    }

    @Test
    void reusesAnExistingRoom() {
        daily.client()
                .register(get(urlEqualTo("/rooms/studio_p1"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(ROOM)));
        daily.client()
                .register(post(urlEqualTo("/meeting-tokens"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"t2\"}")));

        assertEquals(
                "t2",
                voice.join("studio_p1", "bob", false)
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .token());

        daily.client().verifyThat(1, getRequestedFor(urlEqualTo("/rooms/studio_p1")));
        daily.client().verifyThat(0, postRequestedFor(urlEqualTo("/rooms")));
        daily.client()
                .verifyThat(postRequestedFor(urlEqualTo("/meeting-tokens"))
                        .withRequestBody(matchingJsonPath("$.properties.start_audio_off", equalTo("true"))));
    }

    @Test
    void dailyFailuresAre502AndAMissingKeyIs503() {
        daily.client()
                .register(get(urlEqualTo("/rooms/studio_p1"))
                        .willReturn(aResponse().withStatus(500)));
        ProblemException failed = assertThrows(
                ProblemException.class,
                () -> voice.join("studio_p1", "alice", true).await().atMost(Duration.ofSeconds(10)));
        assertEquals(502, failed.problem().status());

        DailyVoice unconfigured = new DailyVoice(new TestVoiceConfig(daily.baseUrl(), ""));
        assertEquals(
                503,
                assertThrows(ProblemException.class, () -> unconfigured.join("studio_p1", "alice", true))
                        .problem()
                        .status());
    }

    /** The voice settings as configuration would give them. */
    private record TestVoiceConfig(String url, String key) implements io.mashups.studio.StudioConfig.Voice {
        @Override
        public String provider() {
            return "daily";
        }

        @Override
        public Duration tokenTtl() {
            return Duration.ofHours(2);
        }

        @Override
        public int maxParticipants() {
            return 10;
        }

        @Override
        public LiveKit livekit() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Daily daily() {
            return new Daily() {
                @Override
                public String apiUrl() {
                    return url;
                }

                @Override
                public Optional<String> apiKey() {
                    return Optional.of(key);
                }
            };
        }
    }
}
