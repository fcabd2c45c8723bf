package io.mashups.attribution.catalogue;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A claim's new policy. */
public record ClaimPolicy(
        @NotNull(message = "is required")
        @Pattern(regexp = "block|allow|attribute", message = "must be block, allow or attribute")
        String policy) {}
