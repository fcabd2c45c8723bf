package io.mashups.events.billing;

import io.mashups.events.EventData;
import java.time.Instant;

/** A user's subscription changed tier or status. */
public record SubscriptionChangedV1(
        String userId,
        Tier previousTier,
        Tier tier,
        String status,
        String interval,
        Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd,
        Instant changedAt)
        implements EventData {}
