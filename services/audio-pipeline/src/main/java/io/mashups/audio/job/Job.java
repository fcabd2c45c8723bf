package io.mashups.audio.job;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;

/** A unit of long audio work, claimed by one worker at a time under a lease. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final Set<String> FINISHED = Set.of(COMPLETED, FAILED, CANCELLED);

    @Id
    public String id;
    @Column(nullable = false)
    public String kind;
    @Column(name = "owner_id", nullable = false)
    public String ownerId;
    @Column(name = "subject_id")
    public String subjectId;
    @Column(nullable = false)
    public String request;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public String stage;
    public int progress;
    public int attempts;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    public String error;
    @Column(name = "result_id")
    public String resultId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean finished() {
        return FINISHED.contains(status);
    }
}
