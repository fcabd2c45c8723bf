package io.mashups.community.battle;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A battle in the list (the seed plan's {@code {id, title, status, entryCount, endsAt}}, then its times). */
public record BattleSummary(
        @Schema(examples = "5f0c2a9e-1b7d-4c3e-8f6a-2d9b0e1c4a7f")
        String id,

        @Schema(examples = "Summer Anthems Clash") String title,

        @Schema(
                examples = "voting",
                enumeration = {"upcoming", "active", "voting", "completed", "cancelled"})
        String status,

        @Schema(examples = "12") long entryCount,

        @Schema(examples = "2027-01-09T18:00:00Z", description = "when voting closes and the battle is decided")
        OffsetDateTime endsAt,

        @Schema(examples = "summer") String theme,
        @Schema(examples = "open") String format,
        @Schema(examples = "blind") String voting,
        @Schema(examples = "2027-01-04T18:00:00Z") OffsetDateTime startsAt,
        @Schema(examples = "2027-01-07T18:00:00Z") OffsetDateTime entriesEndAt) {
    static BattleSummary of(Battle battle, long entryCount) {
        return new BattleSummary(
                battle.id,
                battle.title,
                battle.status.wire(),
                entryCount,
                battle.votingEndAt,
                battle.theme,
                battle.format.wire(),
                battle.voting.wire(),
                battle.startsAt,
                battle.entriesEndAt);
    }
}
