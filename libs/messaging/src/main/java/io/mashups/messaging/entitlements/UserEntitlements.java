package io.mashups.messaging.entitlements;

import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;

/** What a user may do, as this service last heard from billing. */
public record UserEntitlements(String userId, Tier tier, String status, Limits limits) {
    public static UserEntitlements free(String userId) {
        return new UserEntitlements(userId, Tier.FREE, "none", Limits.of(Tier.FREE));
    }

    /** Where a refused user can upgrade; named in 402 problems. */
    public static final String UPGRADE_PATH = "/api/billing/checkout";
}
