package io.mashups.community.battle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An entry (the seed plan's {@code {id, user, mashup, votes, rank}}): votes and rank null while voting is blind; the
 * judges' mean, the final score and the prize once the battle is decided.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EntryView(
        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        String id,

        PublicUser user,
        MashupRef mashup,

        @Schema(nullable = true, examples = "42", description = "null while voting is blind")
        Long votes,

        @Schema(nullable = true, examples = "1", description = "null while voting is blind")
        Integer rank,

        @Schema(examples = "2027-01-05T09:12:00Z") OffsetDateTime submittedAt,

        @Schema(nullable = true, examples = "8.5", description = "the judges' mean (1-10), once decided")
        Double judgesScore,

        @Schema(nullable = true, examples = "0.71", description = "the weighted final score (0-1), once decided")
        Double score,

        @Schema(nullable = true, examples = "500", description = "credits won, once decided")
        Integer prize) {}
