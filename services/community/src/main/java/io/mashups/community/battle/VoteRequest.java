package io.mashups.community.battle;

import io.mashups.community.Inputs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Vote for an entry; a second vote replaces the first until voting closes. */
public record VoteRequest(
        @NotBlank(message = "name the entry you vote for")
        @Size(max = 100, message = "must be at most 100 characters")
        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE)
        String entryId) {}
