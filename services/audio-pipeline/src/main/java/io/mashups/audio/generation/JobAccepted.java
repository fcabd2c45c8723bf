package io.mashups.audio.generation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer to a generation request: where to follow the job. */
@Schema(name = "JobAccepted")
public record JobAccepted(
        @Schema(examples = "0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21")
        String jobId,

        @Schema(examples = "queued") String status,

        @Schema(examples = "/api/mashup/ai/0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21")
        String statusUrl,

        @Schema(examples = "/api/mashup/ai/0b5c6f0e-3f7e-4c55-9a3e-2f1d1c9a7b21/events")
        String eventsUrl) {
    /** 202 with the job's status under {@code base} (ending in a slash) and its events below that. */
    public static jakarta.ws.rs.core.Response response(io.mashups.jobs.Job job, String base) {
        return jakarta.ws.rs.core.Response.status(202)
                .entity(new JobAccepted(job.id, job.status.wire(), base + job.id, base + job.id + "/events"))
                .build();
    }
}
