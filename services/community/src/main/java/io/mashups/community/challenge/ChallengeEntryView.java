package io.mashups.community.challenge;

import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import java.time.Instant;

/**
 * An entry as its board shows it: the score (frozen near the end, final once ranked) with its breakdown, and its rank
 * on that board (ties to the earlier submission).
 */
public record ChallengeEntryView(
        String id,
        String challengeId,
        PublicUser user,
        MashupRef mashup,
        long score,
        long rank,
        Instant submittedAt,
        boolean early,
        Breakdown breakdown) {
    /** The seed plan's score: plays x1 + likes x5 + shares x10 + comments x3 + 50 for an early submission. */
    public record Breakdown(long plays, long likes, long shares, long comments, long earlyBonus) {}
}
