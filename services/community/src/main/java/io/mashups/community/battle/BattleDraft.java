package io.mashups.community.battle;

import io.mashups.community.Inputs;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new battle (admins). Format and voting default to {@code open} and {@code blind}; the weights to the community
 * alone without judges, half and half with them; criteria to {@code overall}; no prizes unless given.
 */
public record BattleDraft(
        @NotBlank(message = "a battle needs a title")
        @Size(max = 120, message = "must be at most 120 characters")
        @Schema(examples = "Summer Anthems Clash")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String title,

        @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(examples = "Blend two summer hits into one anthem.")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String description,

        @Size(max = 200, message = "must be at most 200 characters")
        @Schema(examples = "summer")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String theme,

        @Pattern(regexp = "open|single|double", message = "must be open, single or double")
        @Schema(
                examples = "open",
                enumeration = {"open", "single", "double"})
        String format,

        @Pattern(regexp = "blind|open", message = "must be blind or open")
        @Schema(
                examples = "blind",
                enumeration = {"blind", "open"})
        String voting,

        @NotNull(message = "when entries open") @Schema(examples = "2027-01-04T18:00:00Z")
        Instant startsAt,

        @NotNull(message = "when entries close and voting opens") @Schema(examples = "2027-01-07T18:00:00Z")
        Instant entriesEndAt,

        @NotNull(message = "when voting closes") @Schema(examples = "2027-01-09T18:00:00Z")
        Instant votingEndAt,

        @Size(max = 20, message = "at most 20 judges") @Schema(examples = "[\"judge-1\", \"judge-2\"]")
        List<@NotBlank(message = "must be a user id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String>
                judges,

        @DecimalMin(value = "0", message = "must not be negative")
        @DecimalMax(value = "1000", message = "must be at most 1000")
        @Schema(examples = "0.6")
        Double communityWeight,

        @DecimalMin(value = "0", message = "must not be negative")
        @DecimalMax(value = "1000", message = "must be at most 1000")
        @Schema(examples = "0.4")
        Double judgesWeight,

        @Size(min = 1, max = 10, message = "1 to 10 criteria") @Schema(examples = "[\"flow\", \"creativity\"]")
        List<
                        @NotBlank(message = "must name a criterion") @Size(max = 60)
                        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE) String>
                criteria,

        @Size(max = 16, message = "prizes for at most 16 places") @Schema(examples = "[500, 200, 100]")
        List<@NotNull(message = "must be a number of credits") @Min(0) @Max(1_000_000) Integer> prizes) {}
