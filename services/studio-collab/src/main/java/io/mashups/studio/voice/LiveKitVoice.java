package io.mashups.studio.voice;

import io.mashups.studio.StudioConfig;
import io.mashups.web.ProblemException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Map;

/**
 * LiveKit: no call to make, an access token signed here with the API key and secret (HS256; issuer the key,
 * subject the participant's identity, a {@code video} grant for the room) that the client presents to the server.
 */
public class LiveKitVoice implements VoiceProvider {
    private final StudioConfig.Voice config;

    public LiveKitVoice(StudioConfig.Voice config) {
        this.config = config;
    }

    @Override
    public Uni<VoiceRoom> join(String room, String userId, boolean speaker) {
        String key = config.livekit().apiKey().orElse("");
        String secret = config.livekit().apiSecret().orElse("");
        if (key.isBlank() || secret.length() < 32) {
            throw ProblemException.unavailable(
                    "Voice is not configured: LIVEKIT_API_KEY and LIVEKIT_API_SECRET (32+ bytes) are missing");
        }
        Instant now = Instant.now();
        Instant expires = now.plus(config.tokenTtl());
        String token = Jwt.issuer(key)
                .subject(userId)
                .claim("name", userId)
                .claim("nbf", now.getEpochSecond())
                .claim(
                        "video",
                        Map.of(
                                "room",
                                room,
                                "roomJoin",
                                true,
                                "canPublish",
                                speaker,
                                "canSubscribe",
                                true,
                                "canPublishData",
                                speaker))
                .issuedAt(now)
                .expiresAt(expires)
                .signWithSecret(secret);
        return Uni.createFrom()
                .item(VoiceRoom.of("livekit", room, config.livekit().url(), token, expires));
    }
}
