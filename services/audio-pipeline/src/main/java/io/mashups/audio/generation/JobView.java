package io.mashups.audio.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.audio.job.Job;
import io.mashups.audio.mashup.MashupView;

/**
 * A generation job: status queued/running/completed/failed/cancelled, the stage, 0-100 progress, how many times a
 * worker started it (more than one after a worker died or a transient failure), and the result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, String status, String stage, int progress, int attempts, String error, String mashupId,
                      MashupView result) {
    static JobView of(Job job, MashupView result) {
        return new JobView(job.id, job.status, job.stage, job.progress, job.attempts, job.error, job.resultId, result);
    }
}
