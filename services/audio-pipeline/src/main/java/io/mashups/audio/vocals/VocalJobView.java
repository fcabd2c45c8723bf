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
        String jobId,

        @Schema(enumeration = {"queued", "running", "completed", "failed", "cancelled"})
        String status,

        @Schema(description = "Presigned URL of the MP3 once completed")
        String audioUrl,

        String error,
        @Schema(examples = "singing") String stage,
        int progress,
        int attempts,
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
