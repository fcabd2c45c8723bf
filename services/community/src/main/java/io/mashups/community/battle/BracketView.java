package io.mashups.community.battle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A single or double elimination battle's bracket: its rounds and matches, who plays, each match's voting window,
 * scores (null while a blind match's window is open) and winners. Empty until voting starts and the bracket is drawn.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BracketView(
        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        String battleId,

        @Schema(
                examples = "double",
                enumeration = {"single", "double"})
        String format,

        @Schema(description = "whether the bracket is drawn (voting has started)")
        boolean drawn,

        @Schema(
                nullable = true,
                examples = "-4511602208325466115",
                description = "the seed of the stored random draw that ordered the unrated entrants")
        Long drawSeed,

        List<Round> rounds,

        @Schema(nullable = true, description = "the winning entry's id, once decided")
        String champion) {

    /** One round of one part of the bracket. */
    public record Round(
            @Schema(
                    examples = "winners",
                    enumeration = {"winners", "losers", "final"})
            String part,

            @Schema(examples = "1") int round,
            List<MatchView> matches) {}

    /** One match: its two sides (null while unknown; the second null for a bye). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MatchView(
            @Schema(examples = "W1-1") String id,

            @Schema(
                    examples = "open",
                    enumeration = {"waiting", "open", "decided", "bye", "forfeit", "not-needed"})
            String status,

            @Schema(nullable = true, examples = "2027-01-08T00:00:00Z", description = "null for a bye")
            OffsetDateTime opensAt,

            @Schema(nullable = true, examples = "2027-01-09T00:00:00Z")
            OffsetDateTime closesAt,

            List<Entrant> entrants,

            @Schema(nullable = true, description = "the sides' counted votes; null while a blind match is open")
            List<Long> votes,

            @Schema(nullable = true, examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
            String winner) {}

    /** An entry as a bracket shows it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entrant(
            @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
            String id,

            @Schema(examples = "1") int seed,
            PublicUser user,
            MashupRef mashup,

            @Schema(description = "withdrawn entrants forfeit their matches")
            boolean withdrawn) {}
}
