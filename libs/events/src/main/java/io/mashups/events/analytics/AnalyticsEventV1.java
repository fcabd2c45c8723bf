package io.mashups.events.analytics;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.Map;

/** One raw client event accepted by analytics ingest (play, like, share, ...). */
public record AnalyticsEventV1(
        String userId,
        String sessionId,
        String name,
        String mashupId,
        Map<String, Object> properties,
        Instant occurredAt)
        implements EventData {}
