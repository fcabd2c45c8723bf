package io.mashups.audio.vocals;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A finished vocal. */
public record VocalView(
        @Schema(examples = "0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21")
        String id,

        @Schema(
                examples = "https://objects.example.com/mashups/vocals/0b5c6f0e.mp3?X-Amz-Signature=5d1c",
                description = "Presigned URL of the MP3")
        String audioUrl,

        @Schema(
                examples = "https://objects.example.com/mashups/uploads/9e2a7c41?X-Amz-Signature=77aa",
                description = "Presigned URL of the vocal stem (FLAC)")
        String stemUrl,

        @Schema(
                examples = "9e2a7c41-1d2b-3c4d-8e9f-0a1b2c3d4e5f",
                description = "The upload holding the stem: a source for POST /api/mashup/ai")
        String uploadId,

        @Schema(examples = "local") String engine,
        @Schema(examples = "local:alto") String voiceId,
        @Schema(examples = "singing") String style,
        @Schema(examples = "96") double bpm,
        @Schema(examples = "A minor") String key,
        @Schema(examples = "26.4") double durationSec,

        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String mashupId,

        OffsetDateTime createdAt) {}
