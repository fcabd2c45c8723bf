package io.mashups.billing.subscription;

import io.mashups.billing.plan.Plan;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The current user's plan as the billing page shows it. */
@Schema(name = "Subscription", description = "The caller's plan; a user who never subscribed is on the free tier")
public record SubscriptionView(
        @Schema(
                examples = "pro",
                enumeration = {"free", "pro", "studio"})
        String tier,

        @Schema(examples = "active", description = "Stripe's status; `active` for the free tier")
        String status,

        @Schema(
                examples = "month",
                enumeration = {"month", "year"},
                nullable = true)
        String interval,

        @Schema(nullable = true) OffsetDateTime currentPeriodEnd,
        boolean cancelAtPeriodEnd,

        @Schema(description = "The tier's limits; null counts are unlimited")
        Limits features) {

    static SubscriptionView free() {
        return new SubscriptionView(Plan.wire(Tier.FREE), "active", null, null, false, Limits.of(Tier.FREE));
    }

    static SubscriptionView of(Subscription subscription) {
        Tier granted = Entitled.tier(subscription.tier, subscription.status);
        return new SubscriptionView(
                Plan.wire(granted),
                subscription.status,
                subscription.interval,
                subscription.currentPeriodEnd,
                subscription.cancelAtPeriodEnd,
                Limits.of(granted));
    }
}
