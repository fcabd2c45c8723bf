package io.mashups.billing.subscription;

import io.mashups.billing.plan.Plan;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import java.time.OffsetDateTime;
import java.util.List;
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

        @Schema(nullable = true, examples = "2027-01-04T10:15:30Z")
        OffsetDateTime currentPeriodEnd,

        @Schema(examples = "false") boolean cancelAtPeriodEnd,

        @Schema(description = "What the tier allows, as the billing page lists it (the seed plan's features[])")
        List<Feature> features,

        @Schema(
                description = "The same limits as one object; null counts are unlimited",
                examples = "{\"mashupsPerMonth\": null, \"aiGenerationsPerMonth\": 20, \"stemExports\": true, "
                        + "\"collaboration\": true, \"analyticsRetentionDays\": 90, \"support\": \"email\"}")
        Limits limits) {

    static SubscriptionView free() {
        return of(Tier.FREE, "active", null, null, false);
    }

    static SubscriptionView of(Subscription subscription) {
        return of(
                Entitled.tier(subscription.tier, subscription.status),
                subscription.status,
                subscription.interval,
                subscription.currentPeriodEnd,
                subscription.cancelAtPeriodEnd);
    }

    private static SubscriptionView of(
            Tier granted, String status, String interval, OffsetDateTime currentPeriodEnd, boolean cancelAtPeriodEnd) {
        Limits limits = Limits.of(granted);
        return new SubscriptionView(
                Plan.wire(granted), status, interval, currentPeriodEnd, cancelAtPeriodEnd, Feature.of(limits), limits);
    }
}
