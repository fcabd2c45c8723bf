package io.mashups.community.challenge;

import io.mashups.community.CommunityConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * A challenge's times: its window, the freeze (a configured time before the end, not before the start) and the end
 * of the early bonus (the first configured fraction of the window), unless given.
 */
record ChallengeTimes(Instant startsAt, Instant endsAt, Instant freezesAt, Instant earlyUntil) {
    static ChallengeTimes of(
            Instant startsAt,
            Instant endsAt,
            Instant freezesAt,
            Instant earlyUntil,
            CommunityConfig.Challenges config) {
        Instant freeze = freezesAt != null ? freezesAt : endsAt.minus(config.freezeBefore());
        Duration window = Duration.between(startsAt, endsAt);
        Instant early = earlyUntil != null
                ? earlyUntil
                : startsAt.plusMillis((long) (window.toMillis() * config.earlyFraction()));
        return new ChallengeTimes(startsAt, endsAt, freeze.isBefore(startsAt) ? startsAt : freeze, early);
    }
}
