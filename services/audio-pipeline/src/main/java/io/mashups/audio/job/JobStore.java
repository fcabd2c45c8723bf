package io.mashups.audio.job;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.JobProgressV1;
import io.mashups.events.audio.JobQueuedV1;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Job state in Postgres. Every change of a job's owner (the worker holding its lease) is a conditional update, so two
 * workers never both believe they run a job, and a worker that lost its lease cannot complete it.
 */
@ApplicationScoped
public class JobStore {
    private static final String CLAIM = """
            UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?1, lease_until = ?2, updated_at = now(),
                stage = CASE WHEN status = 'queued' AND attempts = 0 THEN 'starting' ELSE 'restarting' END
            WHERE id = ?3 AND attempts < ?4 AND (status = 'queued' OR (status = 'running' AND lease_until < now()))""";
    private static final String PROGRESS = """
            UPDATE jobs SET stage = ?1, progress = ?2, lease_until = ?3, updated_at = now()
            WHERE id = ?4 AND status = 'running' AND lease_owner = ?5""";
    private static final String RENEW = "UPDATE jobs SET lease_until = ?1 WHERE lease_owner = ?2 AND status = 'running' AND id IN (?3)";
    private static final String STILL_MINE = "SELECT id FROM jobs WHERE lease_owner = ?1 AND status = 'running' AND id IN (?2)";
    private static final String ABANDONED = """
            SELECT id FROM jobs WHERE (status = 'queued' AND updated_at < now() - interval '5 seconds')
                OR (status = 'running' AND lease_until < now()) ORDER BY created_at LIMIT ?1""";

    private final Outbox outbox;
    private final JobConfig config;

    public JobStore(Outbox outbox, JobConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Adds a queued job and its dispatch event to the caller's transaction. */
    public Uni<Job> enqueue(String kind, String ownerId, String subjectId, String request) {
        return enqueue(kind, ownerId, subjectId, request, null);
    }

    /** As {@link #enqueue(String, String, String, String)}, remembering the client's idempotency key. */
    public Uni<Job> enqueue(String kind, String ownerId, String subjectId, String request, String idempotencyKey) {
        Job job = new Job();
        job.idempotencyKey = idempotencyKey;
        job.id = UUID.randomUUID().toString();
        job.kind = kind;
        job.ownerId = ownerId;
        job.subjectId = subjectId;
        job.request = request;
        job.status = Job.QUEUED;
        job.stage = Job.QUEUED;
        job.createdAt = OffsetDateTime.now();
        job.updatedAt = job.createdAt;
        return job.<Job>persist()
                .call(() -> outbox.add(EventCatalog.JOB_QUEUED, job.id, new JobQueuedV1(job.id, kind, ownerId)))
                .call(() -> announce(job));
    }

    /** Takes the job for this worker; null when it is not claimable (taken, finished, or out of attempts). */
    public Uni<Job> claim(String jobId, String worker) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM).setParameter(1, worker).setParameter(2, leaseEnd())
                        .setParameter(3, jobId).setParameter(4, config.maxAttempts()).executeUpdate())
                .chain(claimed -> claimed == 0 ? Uni.createFrom().nullItem()
                        : Job.<Job>findById(jobId).call(this::announce)));
    }

    /** Records progress and renews the lease; false when the job is no longer this worker's. */
    public Uni<Boolean> progress(String jobId, String worker, String stage, int percent, boolean announce) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(PROGRESS).setParameter(1, stage).setParameter(2, percent)
                        .setParameter(3, leaseEnd()).setParameter(4, jobId).setParameter(5, worker).executeUpdate())
                .chain(updated -> updated == 0 || !announce ? Uni.createFrom().item(updated > 0)
                        : Job.<Job>findById(jobId).call(this::announce).replaceWith(true)));
    }

    /** Renews the leases of the jobs this worker runs; returns those still its own (the others were cancelled). */
    public Uni<List<String>> renew(String worker, Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(RENEW).setParameter(1, leaseEnd()).setParameter(2, worker)
                        .setParameter(3, jobIds).executeUpdate()
                        .chain(() -> session.createNativeQuery(STILL_MINE, String.class).setParameter(1, worker)
                                .setParameter(2, jobIds).getResultList())));
    }

    /** Marks the job completed with what {@code completion} records, if this worker still holds it. */
    public Uni<Boolean> complete(String jobId, String worker, JobExecutor.Completion completion) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (!mine(job, worker)) {
                return Uni.createFrom().item(false);
            }
            return completion.record().chain(resultId -> {
                job.status = Job.COMPLETED;
                job.stage = "done";
                job.progress = 100;
                job.resultId = resultId;
                job.error = null;
                return finish(job);
            }).replaceWith(true);
        }));
    }

    /**
     * A failed attempt: retried (queued and dispatched again) while attempts remain and the failure may pass,
     * otherwise the job fails with the reason.
     */
    public Uni<Void> fail(String jobId, String worker, String reason, boolean permanent) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (!mine(job, worker)) {
                return Uni.createFrom().voidItem();
            }
            job.error = reason;
            if (permanent || job.attempts >= config.maxAttempts()) {
                job.status = Job.FAILED;
                job.stage = Job.FAILED;
                return finish(job);
            }
            job.status = Job.QUEUED;
            job.stage = "retrying";
            job.leaseOwner = null;
            job.leaseUntil = null;
            job.updatedAt = OffsetDateTime.now();
            return outbox.add(EventCatalog.JOB_QUEUED, job.id, new JobQueuedV1(job.id, job.kind, job.ownerId))
                    .chain(() -> announce(job)).replaceWithVoid();
        }));
    }

    /** The owner cancels: a finished job cannot be, a cancelled one stays cancelled. */
    public Uni<Job> cancel(String ownerId, String kind, String jobId) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE).chain(job -> {
            if (job == null || !job.ownerId.equals(ownerId) || !job.kind.equals(kind)) {
                throw ProblemException.notFound("Job", jobId);
            }
            if (Job.CANCELLED.equals(job.status)) {
                return Uni.createFrom().item(job);
            }
            if (job.finished()) {
                throw ProblemException.conflict("The job already " + job.status);
            }
            job.status = Job.CANCELLED;
            job.stage = Job.CANCELLED;
            return finish(job).replaceWith(job);
        }));
    }

    /**
     * Jobs nobody runs: queued for a while (their dispatch was lost or every worker was busy) or running under an
     * expired lease (their worker died). Those out of attempts are failed here; the rest are returned to claim.
     */
    public Uni<List<String>> abandoned(int limit) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(ABANDONED, String.class).setParameter(1, limit).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(ids) : Job.<Job>list("id in ?1", ids).chain(jobs -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    List<String> claimable = new java.util.ArrayList<>();
                    for (Job job : jobs) {
                        if (job.attempts >= config.maxAttempts()) {
                            job.status = Job.FAILED;
                            job.stage = Job.FAILED;
                            job.error = "the job was interrupted " + job.attempts + " times"
                                    + (job.error == null ? "" : "; last error: " + job.error);
                            chain = chain.chain(() -> finish(job));
                        } else {
                            claimable.add(job.id);
                        }
                    }
                    return chain.replaceWith(claimable);
                })));
    }

    private Uni<Void> finish(Job job) {
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.updatedAt = OffsetDateTime.now();
        return announce(job).replaceWithVoid();
    }

    private Uni<?> announce(Job job) {
        return outbox.add(EventCatalog.JOB_PROGRESS, job.id, new JobProgressV1(job.id, job.ownerId, job.status, job.stage,
                job.progress, job.error));
    }

    private static boolean mine(Job job, String worker) {
        return job != null && Job.RUNNING.equals(job.status) && worker.equals(job.leaseOwner);
    }

    private OffsetDateTime leaseEnd() {
        return OffsetDateTime.now().plus(config.lease());
    }
}
