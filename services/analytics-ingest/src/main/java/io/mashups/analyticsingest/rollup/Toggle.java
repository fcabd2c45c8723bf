package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;

/**
 * Whether a person likes a mashup or follows a creator: the latest of their likes and unlikes (follows and
 * unfollows) by client time, ties broken by event id, so that arrival order never matters.
 */
public record Toggle(boolean on, long at, String id) {
    public static Toggle of(AnalyticsEventV1 event) {
        boolean on = AnalyticsEventV1.LIKE.equals(event.type()) || AnalyticsEventV1.FOLLOW.equals(event.type());
        return new Toggle(on, event.clientTime().toEpochMilli(), event.eventId());
    }

    public static Toggle latest(Toggle a, Toggle b) {
        return a.at != b.at ? (a.at > b.at ? a : b) : (a.id.compareTo(b.id) >= 0 ? a : b);
    }

    /** What the person adds to the count of the day they last switched on: one, or nothing. */
    public long count() {
        return on ? 1 : 0;
    }
}
