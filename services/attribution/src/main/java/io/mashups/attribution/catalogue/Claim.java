package io.mashups.attribution.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;

/** A rights holder's claim on a reference track: what Content ID does with mashups that use it. */
@Entity
@Table(name = "claims")
public class Claim extends PanacheEntityBase {
    public static final String BLOCK = "block";
    public static final String ALLOW = "allow";
    public static final String ATTRIBUTE = "attribute";
    public static final Set<String> POLICIES = Set.of(BLOCK, ALLOW, ATTRIBUTE);

    @Id
    public String id;

    @Column(name = "reference_id", nullable = false)
    public String referenceId;

    @Column(name = "holder_id", nullable = false)
    public String holderId;

    @Column(nullable = false)
    public String policy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
