package io.mashups.attribution.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A rights holder's claim on a reference track: what Content ID does with mashups that use it. */
@Entity
@Table(name = "claims")
public class Claim extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "reference_id", nullable = false)
    public String referenceId;

    @Column(name = "holder_id", nullable = false)
    public String holderId;

    @Column(nullable = false)
    public Policy policy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
