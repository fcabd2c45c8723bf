package io.mashups.studio.voice;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a member's client joins the project's voice room and with what; {@code roomUrl} repeats {@code url} for the seed plan's clients. */
@Schema(name = "VoiceRoom")
public record VoiceRoom(
        @Schema(
                examples = "livekit",
                enumeration = {"livekit", "daily"})
        String provider,

        @Schema(examples = "studio_3f2a") String room,

        @Schema(examples = "wss://voice.example/studio_3f2a")
        String url,

        @Schema(examples = "wss://voice.example/studio_3f2a", description = "the seed plan's name for url")
        String roomUrl,

        @Schema(examples = "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6e319.sig")
        String token,

        Instant expiresAt) {
    static VoiceRoom of(String provider, String room, String url, String token, Instant expiresAt) {
        return new VoiceRoom(provider, room, url, url, token, expiresAt);
    }
}
