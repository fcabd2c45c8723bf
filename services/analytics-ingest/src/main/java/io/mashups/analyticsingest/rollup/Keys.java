package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The keys of rollup records: fields joined by a space, which no id the capture accepts contains (user ids may hold
 * {@code |}, devices {@code :}).
 */
public final class Keys {
    private Keys() {}

    public static String of(String... parts) {
        return String.join(" ", parts);
    }

    public static String[] parts(String key) {
        return key.split(" ", -1);
    }

    /** Who listens or likes: the signed-in user, else the device ({@code #} never starts a user id). */
    public static String person(AnalyticsEventV1 event) {
        return event.userId() != null ? event.userId() : "#" + event.deviceId();
    }

    /** The UTC day of an instant, as {@code yyyy-MM-dd}. */
    public static String day(long epochMilli) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMilli), ZoneOffset.UTC)
                .toString();
    }
}
