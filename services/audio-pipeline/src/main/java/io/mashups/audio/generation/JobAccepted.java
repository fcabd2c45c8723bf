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
        String eventsUrl) {}
