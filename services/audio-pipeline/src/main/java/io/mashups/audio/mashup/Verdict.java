package io.mashups.audio.mashup;

import io.mashups.messaging.mashups.ContentIdVerdict;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
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

    /** The 409 of a blocked mashup: "This mashup cannot be {@code what}", why, and the claim when there is one. */
    public ProblemException refusal(String what) {
        Problem problem = Problem.of(
                409,
                "content-id-blocked",
                "Blocked by Content ID",
                "This mashup cannot be " + what + ": " + (reason == null ? "a rights holder blocked it" : reason));
        // a problem's members are never null
        return new ProblemException(claimId == null ? problem : problem.with("claim", claimId));
    }
}
