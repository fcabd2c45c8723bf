package io.mashups.events.community;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.List;

/** A battle was decided: every standing entry's place, first place first (empty when nobody entered). */
public record BattleCompletedV1(String battleId, String title, long totalVotes, List<Place> places, Instant decidedAt)
        implements EventData {
    /** An entry's result: votes counted, the judges' mean (1-10, null without scores), the weighted score, prize. */
    public record Place(
            int place,
            String entryId,
            String userId,
            String mashupId,
            long votes,
            Double judgesScore,
            double score,
            int prize) {}
}
