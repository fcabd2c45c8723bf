package io.mashups.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.json.Json;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A unit of long work, claimed by one worker at a time under a lease. Never leaves the service that owns it. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    static final ObjectMapper REQUESTS = Json.mapper();

    @Id
    public String id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "subject_id")
    public String subjectId;
    /** What the job was asked, as JSON: read it with {@link #request(Class)}. */
    @Column(nullable = false)
    public String request;

    @Column(nullable = false)
    public JobStatus status;

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

    public long revision;

    /** Automatic work nobody is waiting for: a queued job someone asked for is taken first. */
    public boolean background;

    /** The trace of the request that queued the job ({@link io.mashups.messaging.TraceContext}). */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The request as its kind's record; a request that does not read is a failure no retry can mend. */
    public <T> T request(Class<T> type) throws JobFailure {
        try {
            return REQUESTS.readValue(request, type);
        } catch (JsonProcessingException e) {
            throw new JobFailure("the job's request cannot be read: " + e.getOriginalMessage());
        }
    }

    public boolean finished() {
        return status.finished();
    }

    /** The job's state as its progress events carry it. */
    public JobProgressV1 state() {
        return new JobProgressV1(
                id, ownerId, kind, status.wire(), stage, progress, attempts, error, resultId, revision);
    }
}
