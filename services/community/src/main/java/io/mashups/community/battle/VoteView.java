package io.mashups.community.battle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's vote as recorded. */
public record VoteView(
        @Schema(examples = "5f0c2a9e-1b7d-4c3e-8f6a-2d9b0e1c4a7f")
        String battleId,

        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        String entryId,

        @Schema(examples = "2027-01-08T10:00:00Z") OffsetDateTime castAt,

        @Schema(examples = "false", description = "held for an admin's review: not counted until accepted")
        boolean held,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(examples = "many voters from one address")
        String heldReason) {}
