package io.mashups.audio.stems;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.events.jobs.JobProgressV1;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An upload's stems job: status, stage, 0-100 progress, attempts, error; {@code uploadId} once its stems exist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "StemsJob", example = """
        {"id": "0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21", "status": "running", "stage": "separating", "progress": 15,
        "attempts": 1}""")
public record StemsJobView(
        String id, String status, String stage, int progress, int attempts, String error, String uploadId) {
    static StemsJobView of(JobProgressV1 state) {
        return new StemsJobView(
                state.jobId(),
                state.status(),
                state.stage(),
                state.progress(),
                state.attempts(),
                state.error(),
                state.resultId());
    }
}
