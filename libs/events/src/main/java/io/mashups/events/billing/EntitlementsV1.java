package io.mashups.events.billing;

import io.mashups.events.EventData;
import java.time.Instant;

/**
 * A user's full entitlements, published on the compacted {@code billing.entitlements} topic keyed by user id.
 * {@code revision} grows with every change of the user's subscription, so a projection keeps the highest it saw.
 */
public record EntitlementsV1(String userId, Tier tier, String status, Limits limits, long revision, Instant updatedAt)
        implements EventData {}
