package io.mashups.studio.voice;

import java.time.Instant;

/** Where a member's client joins the project's voice room and with what; {@code roomUrl} repeats {@code url} for the seed plan's clients. */
public record VoiceRoom(String provider, String room, String url, String roomUrl, String token, Instant expiresAt) {
    static VoiceRoom of(String provider, String room, String url, String token, Instant expiresAt) {
        return new VoiceRoom(provider, room, url, url, token, expiresAt);
    }
}
