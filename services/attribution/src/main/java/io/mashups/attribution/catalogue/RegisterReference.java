package io.mashups.attribution.catalogue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A reference track to register from an upload, and the policy of its claim (attribute when not given). */
public record RegisterReference(
        @NotBlank(message = "is required") String uploadId,

        @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters")
        String title,

        @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters")
        String artist,

        @Pattern(regexp = "block|allow|attribute", message = "must be block, allow or attribute")
        String policy) {}
