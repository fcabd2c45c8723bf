package io.mashups.attribution.catalogue;

import java.time.OffsetDateTime;

/** A reference track of the catalogue and its claim. */
public record ReferenceView(
        String id,
        String uploadId,
        String title,
        String artist,
        double durationSec,
        String registeredBy,
        OffsetDateTime createdAt,
        boolean chromaprint,
        ClaimView claim) {
    static ReferenceView of(ReferenceTrack t, Claim claim) {
        return new ReferenceView(
                t.id,
                t.uploadId,
                t.title,
                t.artist,
                t.durationSec,
                t.registeredBy,
                t.createdAt,
                t.chromaprint != null,
                claim == null ? null : ClaimView.of(claim));
    }
}
