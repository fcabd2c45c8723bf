package io.mashups.attribution.contentid;

import java.time.OffsetDateTime;

/** A mashup's Content ID verdict and where its dispute stands ({@code dispute} null when never disputed). */
public record VerdictView(
        String mashupId, String verdict, String reason, String claimId, OffsetDateTime decidedAt, Dispute dispute) {
    public record Dispute(
            String status,
            String reason,
            OffsetDateTime openedAt,
            String resolvedBy,
            String note,
            OffsetDateTime resolvedAt) {}

    public static VerdictView of(Verdict v) {
        return new VerdictView(
                v.mashupId,
                v.verdict.wire(),
                v.reason,
                v.claimId,
                v.decidedAt,
                v.disputeStatus == null
                        ? null
                        : new Dispute(
                                v.disputeStatus.wire(),
                                v.disputeReason,
                                v.disputedAt,
                                v.resolvedBy,
                                v.resolutionNote,
                                v.resolvedAt));
    }
}
