package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;

/**
 * One play event of a listening session, as much of it as sessions need.
 *
 * @param at client time, epoch milliseconds
 * @param positionMs where in the track the player was, null when the event did not say
 * @param lengthMs the track's length as the player knew it, null when the event did not say
 * @param end a {@code play_end}: the player stopped here
 */
public record Sample(long at, String id, Long positionMs, Long lengthMs, boolean end, String source, String country) {
    public static Sample of(AnalyticsEventV1 event) {
        return new Sample(
                event.clientTime().toEpochMilli(),
                event.eventId(),
                millis(event.positionSec()),
                millis(event.trackLengthSec()),
                AnalyticsEventV1.PLAY_END.equals(event.type()),
                event.source(),
                event.country());
    }

    private static Long millis(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1000);
    }

    /** Samples in session order: by time, then by id, so that arrival order never matters. */
    boolean before(Sample other) {
        return at != other.at ? at < other.at : id.compareTo(other.id) < 0;
    }
}
