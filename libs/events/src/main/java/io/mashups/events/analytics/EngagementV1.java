package io.mashups.events.analytics;

import io.mashups.events.EventData;
import java.time.Instant;

/** A mashup's engagement over a window, rolled up from raw events. */
public record EngagementV1(
        String mashupId,
        String ownerId,
        long plays,
        long likes,
        long shares,
        double completionRate,
        Instant windowStart,
        Instant windowEnd)
        implements EventData {}
