package io.mashups.community.challenge;

import io.mashups.community.Inputs;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin may change of a challenge before it is ranked: its texts and its reward. */
public record ChallengePatch(
        @Size(min = 1, max = 120, message = "must be 1 to 120 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String title,

        @Size(max = 2000, message = "must be at most 2000 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String description,

        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = Inputs.TEXT, message = Inputs.TEXT_MESSAGE)
        String theme,

        @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000, message = "must be at most 1000000")
        Integer rewardCredits,

        @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE)
        String rewardBadgeId) {}
