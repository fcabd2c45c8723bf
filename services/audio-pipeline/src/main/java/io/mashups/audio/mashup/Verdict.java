package io.mashups.audio.mashup;

import io.mashups.messaging.mashups.ContentIdVerdict;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Content ID's latest verdict on a mashup (attribution.verdict). */
@Entity
@Table(name = "mashup_verdicts")
public class Verdict extends PanacheEntityBase {
    @Id
    @Column(name = "mashup_id")
    public String mashupId;

    @Column(nullable = false)
    public ContentIdVerdict verdict;

    public String reason;

    @Column(name = "claim_id")
    public String claimId;

    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;
}
