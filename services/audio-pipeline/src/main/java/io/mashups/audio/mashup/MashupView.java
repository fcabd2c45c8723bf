package io.mashups.audio.mashup;

import io.mashups.audio.render.MixChoices;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mashup as the player needs it: presigned, short-lived URLs of the audio and of the waveform peaks (JSON). */
public record MashupView(
        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String id,

        @Schema(examples = "user-42") String ownerId,
        @Schema(examples = "Midnight City x Dreams") String title,
        @Schema(examples = "[\"upl-8c1d\", \"upl-93fa\"]") List<String> sources,
        @Schema(examples = "95.5") double durationSec,
        @Schema(examples = "120") double bpm,
        @Schema(examples = "A minor") String key,
        @Schema(examples = "mp3") String format,
        @Schema(examples = "public") String visibility,

        @Schema(examples = "https://storage.example/mashups/7d2f.mp3?X-Amz-Signature=...")
        String audioUrl,

        @Schema(examples = "https://storage.example/mashups/7d2f.peaks.json?X-Amz-Signature=...")
        String waveformUrl,

        @Schema(examples = "2026-12-04T10:15:30Z") OffsetDateTime createdAt,

        @Schema(
                description = "what the generator chose: tempo, key, each source's relation, stretch and shift, and"
                        + " what it gave up; null for a published studio project")
        MixChoices mix) {}
