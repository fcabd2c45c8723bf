package io.mashups.billing.checkout;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CheckoutRequest")
public record CheckoutRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "pro|studio", message = "must be pro or studio")
        @Schema(
                examples = "pro",
                enumeration = {"pro", "studio"})
        String tier,

        @NotNull(message = "is required")
        @Pattern(regexp = "month|year", message = "must be month or year")
        @Schema(
                examples = "month",
                enumeration = {"month", "year"})
        String interval) {}
