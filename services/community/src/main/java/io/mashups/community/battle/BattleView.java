package io.mashups.community.battle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A battle in detail (the seed plan's {@code {id, title, description, theme, status, endsAt}}, then the rest). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BattleView(
        @Schema(examples = "5f0c2a9e-1b7d-4c3e-8f6a-2d9b0e1c4a7f")
        String id,

        @Schema(examples = "Summer Anthems Clash") String title,

        @Schema(nullable = true, examples = "Blend two summer hits into one anthem.")
        String description,

        @Schema(nullable = true, examples = "summer") String theme,

        @Schema(
                examples = "voting",
                enumeration = {"upcoming", "active", "voting", "completed", "cancelled"})
        String status,

        @Schema(examples = "2027-01-09T18:00:00Z", description = "when voting closes and the battle is decided")
        OffsetDateTime endsAt,

        @Schema(
                examples = "open",
                enumeration = {"open", "single", "double"})
        String format,

        @Schema(
                examples = "blind",
                enumeration = {"blind", "open"})
        String voting,

        @Schema(examples = "2027-01-04T18:00:00Z") OffsetDateTime startsAt,
        @Schema(examples = "2027-01-07T18:00:00Z") OffsetDateTime entriesEndAt,
        @Schema(examples = "[\"judge-1\"]") List<String> judges,
        @Schema(examples = "[\"flow\", \"creativity\"]") List<String> criteria,
        @Schema(examples = "0.6") double communityWeight,
        @Schema(examples = "0.4") double judgesWeight,

        @Schema(examples = "[500, 200, 100]", description = "credits per place, first place first")
        List<Integer> prizes,

        @Schema(nullable = true, examples = "3", description = "votes held for review (not counted); null while blind")
        Long heldVotes) {}
