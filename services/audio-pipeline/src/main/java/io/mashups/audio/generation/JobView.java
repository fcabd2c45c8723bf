package io.mashups.audio.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.audio.mashup.MashupView;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.jobs.Job;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A generation job: status queued/running/completed/failed/cancelled, the stage, 0-100 progress, how many times a
 * worker started it (more than one after a worker died or a transient failure), and the result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        @Schema(examples = "0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21")
        String id,

        @Schema(
                examples = "running",
                enumeration = {"queued", "running", "completed", "failed", "cancelled"})
        String status,

        @Schema(examples = "separating stems") String stage,
        @Schema(examples = "45") int progress,
        @Schema(examples = "1") int attempts,

        @Schema(examples = "the second source could not be decoded")
        String error,

        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String mashupId,

        MashupView result) {
    static JobView of(Job job, MashupView result) {
        return of(job.state(), result);
    }

    static JobView of(JobProgressV1 state, MashupView result) {
        return new JobView(
                state.jobId(),
                state.status(),
                state.stage(),
                state.progress(),
                state.attempts(),
                state.error(),
                state.resultId(),
                result);
    }
}
