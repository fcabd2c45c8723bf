package io.mashups.community.challenge;

import java.time.Instant;

/** Which board is shown: the final ranking, the frozen scores, or the live ones. */
record Board(boolean ranked, boolean frozen) {
    static Board of(Challenge challenge, Instant now) {
        return of(challenge.status, challenge.freezesAt.toInstant(), now);
    }

    static Board of(ChallengeStatus status, Instant freezesAt, Instant now) {
        boolean ranked = status == ChallengeStatus.COMPLETED;
        return new Board(ranked, !ranked && !now.isBefore(freezesAt));
    }

    String order() {
        if (ranked) {
            return "final_rank, id";
        }
        return frozen ? "frozen_score DESC, submitted_at, id" : "score DESC, submitted_at, id";
    }
}
