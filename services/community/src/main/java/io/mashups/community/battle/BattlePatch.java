package io.mashups.community.battle;

import io.mashups.community.Inputs;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change to a battle (admins): texts and prizes until it is decided, times only while it has not started. */
public record BattlePatch(
        @Size(min = 1, max = 120, message = "1 to 120 characters")
        @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Schema(examples = "Summer Anthems Clash II")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String title,

        @Size(max = 2000, message = "must be at most 2000 characters")
        String description,

        @Size(max = 200, message = "must be at most 200 characters")
        String theme,

        @Schema(examples = "2027-01-05T18:00:00Z") Instant startsAt,
        @Schema(examples = "2027-01-08T18:00:00Z") Instant entriesEndAt,
        @Schema(examples = "2027-01-10T18:00:00Z") Instant votingEndAt,

        @Size(max = 16, message = "prizes for at most 16 places") @Schema(examples = "[500, 200, 100]")
        List<@NotNull(message = "must be a number of credits") @Min(0) @Max(1_000_000) Integer> prizes) {}
