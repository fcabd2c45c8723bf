package io.mashups.community.battle;

import io.mashups.community.profile.PublicUser;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A vote held for review, as admins see it. */
public record HeldVote(
        PublicUser user,

        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60")
        String entryId,

        @Schema(examples = "2027-01-08T10:00:00Z") OffsetDateTime castAt,

        @Schema(examples = "a burst of votes from new accounts")
        String reason) {
    /** A page of held votes. */
    public record Page(List<HeldVote> votes) {}
}
