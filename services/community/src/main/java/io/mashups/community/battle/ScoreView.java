package io.mashups.community.battle;

import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A judge's scores of an entry as recorded. */
public record ScoreView(
        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        String entryId,

        @Schema(examples = "{\"flow\": 8, \"creativity\": 9}")
        Map<String, Integer> scores,

        @Schema(examples = "2027-01-08T10:00:00Z") OffsetDateTime scoredAt) {}
