package io.mashups.audio.vocals;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.events.jobs.JobProgressV1;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A vocal job as the seed plan's {@code GET /api/ai/vocals/:jobId} gives it ({@code status, audioUrl?, error?}),
 * with its progress and, once done, the vocal: the upload holding its stem (a source for the AI Magic Generator).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VocalJobView(
        @Schema(examples = "0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21")
        String jobId,

        @Schema(
                examples = "completed",
                enumeration = {"queued", "running", "completed", "failed", "cancelled"})
        String status,

        @Schema(
                examples = "https://objects.example.com/mashups/vocals/0b5c6f0e.mp3?X-Amz-Signature=5d1c",
                description = "Presigned URL of the MP3 once completed")
        String audioUrl,

        @Schema(examples = "the melody reference has no pitch to follow")
        String error,

        @Schema(examples = "singing") String stage,
        @Schema(examples = "100") int progress,
        @Schema(examples = "1") int attempts,
        VocalView vocal) {
    static VocalJobView of(JobProgressV1 state, VocalView vocal) {
        return new VocalJobView(
                state.jobId(),
                state.status(),
                vocal == null ? null : vocal.audioUrl(),
                state.error(),
                state.stage(),
                state.progress(),
                state.attempts(),
                vocal);
    }
}
