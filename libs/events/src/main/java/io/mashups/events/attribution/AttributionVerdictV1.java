package io.mashups.events.attribution;

import io.mashups.events.EventData;
import java.time.Instant;

/** Content ID's decision for a mashup: {@code verdict} is allowed, attribute or blocked. */
public record AttributionVerdictV1(
        String mashupId, String ownerId, String verdict, String reason, String claimId, Instant decidedAt)
        implements EventData {}
