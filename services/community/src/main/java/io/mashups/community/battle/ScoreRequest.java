package io.mashups.community.battle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A judge's scores of an entry: 1 to 10 for each of the battle's criteria. */
public record ScoreRequest(
        @NotEmpty(message = "score each of the battle's criteria")
        @Schema(examples = "{\"flow\": 8, \"creativity\": 9}")
        Map<
                        String,
                        @NotNull(message = "must be 1 to 10") @Min(value = 1, message = "must be 1 to 10")
                        @Max(value = 10, message = "must be 1 to 10") Integer>
                scores) {}
