package io.mashups.attribution.contentid;

import io.mashups.messaging.mashups.ContentIdVerdict;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Content ID's decision on a mashup and the owner's dispute of it. */
@Entity
@Table(name = "verdicts")
public class Verdict extends PanacheEntityBase {
    @Id
    @Column(name = "mashup_id")
    public String mashupId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public ContentIdVerdict verdict;

    public String reason;

    @Column(name = "claim_id")
    public String claimId;

    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;

    @Column(name = "dispute_status")
    public DisputeStatus disputeStatus;

    @Column(name = "dispute_reason")
    public String disputeReason;

    @Column(name = "disputed_at")
    public OffsetDateTime disputedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
}
