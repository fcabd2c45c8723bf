package io.mashups.events.community;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.List;

/**
 * A challenge ended and was ranked: its final places (the first {@code places.size()} of {@code entryCount}), the
 * winner's rewards, when.
 */
public record ChallengeCompletedV1(
        String challengeId,
        String title,
        String type,
        long entryCount,
        List<Place> places,
        int rewardCredits,
        String rewardBadgeId,
        Instant completedAt)
        implements EventData {
    /** An entry's final rank and score (with the score's parts). */
    public record Place(
            int rank,
            String entryId,
            String userId,
            String mashupId,
            long score,
            long plays,
            long likes,
            long shares,
            long comments,
            boolean early) {}
}
