package io.mashups.events.analytics;

import io.mashups.events.EventData;
import java.time.Instant;

/**
 * Engagement of one mashup (scope {@code mashup}, subject the mashup id) or of one creator over all their mashups
 * (scope {@code creator}, subject the creator id), debounced by analytics-ingest: the running totals, bots and
 * repeats removed and unlikes and unfollows undone, and what changed since the previous event of the subject, over
 * {@code [windowStart, windowEnd)}. Totals only grow except likes and followers, which an undo lowers.
 */
public record EngagementV1(
        String scope,
        String mashupId,
        String creatorId,
        Counts totals,
        Counts delta,
        Instant windowStart,
        Instant windowEnd)
        implements EventData {
    public static final String MASHUP = "mashup";
    public static final String CREATOR = "creator";

    /** Counted plays, unique listeners, likes, shares, comments and (creator scope only) followers. */
    public record Counts(long plays, long uniqueListeners, long likes, long shares, long comments, long followers) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    public String subject() {
        return CREATOR.equals(scope) ? creatorId : mashupId;
    }
}
