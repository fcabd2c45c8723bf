package io.mashups.community.credit;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's credits: the balance and the ledger's entries, newest first. */
public record Credits(@Schema(examples = "700") long balance, List<Entry> entries) {
    public record Entry(
            @Schema(examples = "500") int amount,

            @Schema(examples = "700", description = "the balance after this entry")
            long balance,

            @Schema(examples = "1st place in Summer Anthems Clash")
            String reason,

            @Schema(examples = "battle:5f0c2a9e-1b7d-4c3e-8f6a-2d9b0e1c4a7f")
            String source,

            @Schema(examples = "2027-01-09T18:00:01Z") OffsetDateTime createdAt) {}
}
