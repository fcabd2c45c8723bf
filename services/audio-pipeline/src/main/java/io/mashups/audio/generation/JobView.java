package io.mashups.audio.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.audio.mashup.MashupView;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.jobs.Job;

/**
 * A generation job: status queued/running/completed/failed/cancelled, the stage, 0-100 progress, how many times a
 * worker started it (more than one after a worker died or a transient failure), and the result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        String id,
        String status,
        String stage,
        int progress,
        int attempts,
        String error,
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
