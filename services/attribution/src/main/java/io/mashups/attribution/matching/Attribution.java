package io.mashups.attribution.matching;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The fingerprint match of one upload or mashup: completed with its sources, or failed with the reason. */
@Entity
@Table(name = "attributions")
public class Attribution extends PanacheEntityBase {
    @Id
    @Column(name = "subject_id")
    public String subjectId;

    @Column(name = "subject_kind", nullable = false)
    public Subject subjectKind;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public AttributionStatus status;

    public String error;

    @Column(name = "duration_sec")
    public Double durationSec;

    @Column(name = "completed_at", nullable = false)
    public OffsetDateTime completedAt;
}
