package io.mashups.events.billing;

/** Subscription tiers; their limits come from billing. */
public enum Tier {
    FREE,
    PRO,
    STUDIO
}
