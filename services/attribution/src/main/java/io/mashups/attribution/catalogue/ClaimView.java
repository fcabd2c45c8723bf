package io.mashups.attribution.catalogue;

import java.time.OffsetDateTime;

/** A claim: whose it is, on which reference, and its policy (block, allow, attribute). */
public record ClaimView(String id, String referenceId, String holderId, String policy, OffsetDateTime updatedAt) {
    static ClaimView of(Claim c) {
        return new ClaimView(c.id, c.referenceId, c.holderId, c.policy.wire(), c.updatedAt);
    }
}
