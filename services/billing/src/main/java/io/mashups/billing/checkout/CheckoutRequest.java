package io.mashups.billing.checkout;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "CheckoutRequest",
        description = "The seed plan's body is {tier, priceId}: the price names the plan (tier and interval follow "
                + "from it). Without a price, the tier and an interval (month when not given).")
public record CheckoutRequest(
        @Pattern(regexp = "pro|studio", message = "must be pro or studio")
        @Schema(
                examples = "pro",
                enumeration = {"pro", "studio"})
        String tier,

        @Size(max = 255, message = "must be at most 255 characters")
        @Schema(examples = "price_pro_monthly", description = "one of the configured Stripe prices")
        String priceId,

        @Pattern(regexp = "month|year", message = "must be month or year")
        @Schema(
                examples = "month",
                enumeration = {"month", "year"})
        String interval) {}
