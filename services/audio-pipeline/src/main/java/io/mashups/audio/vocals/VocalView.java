package io.mashups.audio.vocals;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A finished vocal. */
public record VocalView(
        String id,
        @Schema(description = "Presigned URL of the MP3") String audioUrl,

        @Schema(description = "Presigned URL of the vocal stem (FLAC)")
        String stemUrl,

        @Schema(description = "The upload holding the stem: a source for POST /api/mashup/ai")
        String uploadId,

        @Schema(examples = "local") String engine,
        @Schema(examples = "local:alto") String voiceId,
        @Schema(examples = "singing") String style,
        @Schema(examples = "96") double bpm,
        @Schema(examples = "A minor") String key,
        double durationSec,
        String mashupId,
        OffsetDateTime createdAt) {}
