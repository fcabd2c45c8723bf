package io.mashups.audio.vocals;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A vocal to generate, as the seed plan's {@code POST /api/ai/vocals/generate} body, with optional fitting: a tempo,
 * a key, or a mashup whose tempo, key and bar grid the vocal follows.
 */
public record VocalRequest(
        @NotNull(message = "is required")
        @Size(max = VocalRequest.MAX_LYRICS, message = "must be at most {max} characters")
        @Schema(
                description = "One line per phrase; English, up to 2,000 characters",
                examples = "Under the silver lights we wander home\nEvery heartbeat calling out your name")
        String lyrics,

        @Schema(
                enumeration = {"rap", "singing", "spoken"},
                examples = "singing",
                description = "singing when left out")
        String style,

        @Size(max = 200) @Schema(examples = "local:alto", description = "An id from GET /api/ai/vocals/voices")
        String voiceId,

        @Size(max = 64)
        @Schema(
                examples = "3f1c2b7e-8d4a-4c55-9a3e-2f1d1c9a7b21",
                description = "One of your stored uploads: its melody (a hummed or sung reference) is sung")
        String melodyRef,

        @DecimalMin(value = "50", message = "must be at least 50")
        @DecimalMax(value = "200", message = "must be at most 200")
        @Schema(examples = "96", description = "Tempo; with mashupId, the mashup's")
        Double bpm,

        @Size(max = 20) @Schema(examples = "A minor", description = "Key; with mashupId, the mashup's")
        String key,

        @Size(max = 64)
        @Schema(
                examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b",
                description = "A mashup you can see: the vocal takes its tempo, key and bar grid")
        String mashupId) {
    public static final int MAX_LYRICS = 2000;
}
