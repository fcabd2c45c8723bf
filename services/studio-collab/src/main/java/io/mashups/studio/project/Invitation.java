package io.mashups.studio.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Invite a user (by id) as editor or viewer. */
public record Invitation(
        @NotBlank(message = "name the user") @Size(max = 200)
        String userId,

        @Pattern(regexp = "editor|viewer", message = "must be editor or viewer")
        String role) {}
