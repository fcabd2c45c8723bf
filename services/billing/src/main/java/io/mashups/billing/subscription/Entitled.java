package io.mashups.billing.subscription;

import io.mashups.billing.plan.Plan;
import io.mashups.events.billing.Tier;
import java.util.Set;

/** Which tier a subscription status actually grants: paid tiers only while Stripe still considers it payable. */
public final class Entitled {
    private static final Set<String> GRANTING = Set.of("active", "trialing", "past_due");

    public static Tier tier(String tier, String status) {
        return GRANTING.contains(status) ? Plan.parseTier(tier).orElse(Tier.FREE) : Tier.FREE;
    }

    public static boolean isPaid(Subscription subscription) {
        return subscription != null && tier(subscription.tier, subscription.status) != Tier.FREE;
    }

    private Entitled() {}
}
