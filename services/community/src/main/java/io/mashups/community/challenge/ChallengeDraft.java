package io.mashups.community.challenge;

import io.mashups.community.Inputs;
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
 * A challenge an admin creates ({@code special} unless said). The freeze defaults to the configured time before the
 * end and the early bonus to the configured first fraction of the window; no reward unless given.
 */
public record ChallengeDraft(
        @NotBlank(message = "a challenge needs a title")
        @Size(max = 120, message = "must be at most 120 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        @Schema(examples = "Holiday Remix Marathon")
        String title,

        @Size(max = 2000, message = "must be at most 2000 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String description,

        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        @Schema(examples = "holidays")
        String theme,

        @Pattern(regexp = "daily|weekly|special", message = "must be daily, weekly or special")
        @Schema(enumeration = {"daily", "weekly", "special"})
        String type,

        @Size(max = 50, message = "at most 50 uploads")
        List<
                        @NotBlank(message = "must be an upload id")
                        @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String>
                stemPack,

        @NotNull(message = "when submissions open") @Schema(examples = "2026-12-20T00:00:00Z")
        Instant startsAt,

        @NotNull(message = "when the challenge ends") @Schema(examples = "2026-12-27T00:00:00Z")
        Instant endsAt,

        Instant freezesAt,
        Instant earlyUntil,

        @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000, message = "must be at most 1000000")
        Integer rewardCredits,

        @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) @Schema(examples = "challenge_winner")
        String rewardBadgeId) {}
