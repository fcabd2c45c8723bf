package io.mashups.jobs;

import io.mashups.events.EventCatalog;
import io.mashups.events.jobs.JobEvents;
import io.mashups.events.jobs.JobQueuedV1;
import io.mashups.messaging.TraceContext;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Job state in Postgres. Every change of a job's owner (the worker holding its lease) is a conditional update, so two
 * workers never both believe they run a job, and a worker that lost its lease cannot complete it. Every change bumps
 * the job's revision and is announced on the engine's progress topic (through the outbox, in the same transaction).
 */
@ApplicationScoped
public class JobStore {
    private static final String TAKE = """
            UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?1, lease_until = ?2, updated_at = now(),
                revision = revision + 1, stage = CASE WHEN status = 'queued' AND attempts = 0 THEN 'starting' ELSE 'restarting' END
            """;
    private static final String CLAIM = TAKE + """
            WHERE id = ?3 AND attempts < ?4 AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
            RETURNING id""";
    /** The oldest queued job of these kinds, someone's own request before automatic work; skips rows being claimed. */
    private static final String CLAIM_NEXT = TAKE + """
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN (?3) AND attempts < ?4
                ORDER BY background, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private static final String PROGRESS = """
            UPDATE jobs SET stage = ?1, progress = ?2, lease_until = ?3, updated_at = now(), revision = revision + 1
            WHERE id = ?4 AND status = 'running' AND lease_owner = ?5""";
    private static final String RENEW =
            "UPDATE jobs SET lease_until = ?1 WHERE lease_owner = ?2 AND status = 'running' AND id IN (?3)";
    private static final String STILL_MINE =
            "SELECT id FROM jobs WHERE lease_owner = ?1 AND status = 'running' AND id IN (?2)";
    private static final String ABANDONED = """
            SELECT id FROM jobs WHERE kind IN (?2) AND ((status = 'queued' AND updated_at < now() - interval '5 seconds')
                OR (status = 'running' AND lease_until < now())) ORDER BY background, created_at LIMIT ?1""";

    private final Outbox outbox;
    private final JobsConfig config;
    private final JobEvents events;
    private final Instance<JobExecutor> executors;

    public JobStore(Outbox outbox, JobsConfig config, Instance<JobExecutor> executors) {
        this.outbox = outbox;
        this.config = config;
        this.executors = executors;
        this.events = EventCatalog.jobEventsOf(config.owner())
                .orElseThrow(() -> new IllegalStateException(
                        "mashups.jobs.owner=" + config.owner() + " has no job events in EventCatalog"));
    }

    public JobEvents events() {
        return events;
    }

    /**
     * Adds a queued job and its dispatch event to the caller's transaction; {@code request} is the kind's record,
     * stored as JSON ({@link Job#request(Class)} reads it back).
     */
    public Uni<Job> enqueue(String kind, String ownerId, String subjectId, Object request) {
        return enqueue(kind, ownerId, subjectId, request, null);
    }

    /** As {@link #enqueue(String, String, String, Object)}, remembering the client's idempotency key. */
    public Uni<Job> enqueue(String kind, String ownerId, String subjectId, Object request, String idempotencyKey) {
        return enqueue(kind, ownerId, subjectId, request, idempotencyKey, false);
    }

    /**
     * As {@link #enqueue(String, String, String, Object)}, for automatic work nobody is waiting for (captioning every
     * new mashup, fingerprinting every upload): workers take any queued job someone asked for first.
     */
    public Uni<Job> enqueueBackground(String kind, String ownerId, String subjectId, Object request) {
        return enqueue(kind, ownerId, subjectId, request, null, true);
    }

    private Uni<Job> enqueue(
            String kind, String ownerId, String subjectId, Object request, String idempotencyKey, boolean background) {
        Job job = new Job();
        job.idempotencyKey = idempotencyKey;
        job.background = background;
        job.traceParent = TraceContext.current();
        job.id = UUID.randomUUID().toString();
        job.kind = kind;
        job.ownerId = ownerId;
        job.subjectId = subjectId;
        try {
            job.request = Job.REQUESTS.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        job.status = JobStatus.QUEUED;
        job.stage = "queued";
        job.createdAt = OffsetDateTime.now();
        job.updatedAt = job.createdAt;
        return job.<Job>persist().call(() -> dispatch(job)).call(() -> announce(job));
    }

    /**
     * Runs {@code create} in the caller's transaction, one request of this owner at a time (so checks of the owner's
     * limits cannot race); a request repeating an idempotency key gets the job the first one made.
     */
    public Uni<Job> submitOnce(String ownerId, String idempotencyKey, Supplier<Uni<Job>> create) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "jobs:" + ownerId)
                        .getSingleResult())
                .chain(locked -> idempotencyKey == null
                        ? Uni.createFrom().<Job>nullItem()
                        : Job.<Job>find("ownerId = ?1 and idempotencyKey = ?2", ownerId, idempotencyKey)
                                .<Job>firstResult())
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : create.get());
    }

    /** The caller's job of this kind; 404 for anyone else's, another kind's or an unknown id. */
    public Uni<Job> owned(String ownerId, String kind, String jobId) {
        return Job.<Job>findById(jobId).map(job -> {
            if (job == null || !job.ownerId.equals(ownerId) || !job.kind.equals(kind)) {
                throw ProblemException.notFound("Job", jobId);
            }
            return job;
        });
    }

    /** Takes the job for this worker; null when it is not claimable (taken, finished, or out of attempts). */
    public Uni<Job> claim(String jobId, String worker) {
        return take(CLAIM, jobId, worker);
    }

    /**
     * Takes, for this worker, the queued job of these kinds that should run next: the oldest someone asked for, else
     * the oldest automatic one; null when none is queued.
     */
    public Uni<Job> claimNext(Collection<String> kinds, String worker) {
        return take(CLAIM_NEXT, kinds, worker);
    }

    /** Runs a claim whose third parameter says which job ({@code which}); the job taken, announced, or null. */
    private Uni<Job> take(String claim, Object which, String worker) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(claim, String.class)
                        .setParameter(1, worker)
                        .setParameter(2, leaseEnd())
                        .setParameter(3, which)
                        .setParameter(4, config.maxAttempts())
                        .getResultList())
                .chain(claimed -> claimed.isEmpty()
                        ? Uni.createFrom().nullItem()
                        : Job.<Job>findById(claimed.get(0)).call(this::announce)));
    }

    /** Records progress and renews the lease; false when the job is no longer this worker's. */
    public Uni<Boolean> progress(String jobId, String worker, String stage, int percent) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(PROGRESS)
                        .setParameter(1, stage)
                        .setParameter(2, percent)
                        .setParameter(3, leaseEnd())
                        .setParameter(4, jobId)
                        .setParameter(5, worker)
                        .executeUpdate())
                .chain(updated -> updated == 0
                        ? Uni.createFrom().item(false)
                        : Job.<Job>findById(jobId).call(this::announce).replaceWith(true)));
    }

    /** Renews the leases of the jobs this worker runs; returns those still its own (the others were cancelled). */
    public Uni<List<String>> renew(String worker, Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(RENEW)
                        .setParameter(1, leaseEnd())
                        .setParameter(2, worker)
                        .setParameter(3, jobIds)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(STILL_MINE, String.class)
                                .setParameter(1, worker)
                                .setParameter(2, jobIds)
                                .getResultList())));
    }

    /** Marks the job completed with what {@code completion} records, if this worker still holds it. */
    public Uni<Boolean> complete(String jobId, String worker, JobExecutor.Completion completion) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> {
                    if (!mine(job, worker)) {
                        return Uni.createFrom().item(false);
                    }
                    return completion
                            .record()
                            .chain(resultId -> {
                                job.status = JobStatus.COMPLETED;
                                job.stage = "done";
                                job.progress = 100;
                                job.resultId = resultId;
                                job.error = null;
                                return finish(job);
                            })
                            .replaceWith(true);
                }));
    }

    /**
     * A failed attempt: retried (queued and dispatched again) while attempts remain and the failure may pass,
     * otherwise the job fails with the reason.
     */
    public Uni<Void> fail(String jobId, String worker, String reason, boolean permanent) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> {
                    if (!mine(job, worker)) {
                        return Uni.createFrom().voidItem();
                    }
                    job.error = reason;
                    if (permanent || job.attempts >= config.maxAttempts()) {
                        return failForGood(job);
                    }
                    job.status = JobStatus.QUEUED;
                    job.stage = "retrying";
                    job.leaseOwner = null;
                    job.leaseUntil = null;
                    job.updatedAt = OffsetDateTime.now();
                    job.revision++;
                    return dispatch(job).chain(() -> announce(job)).replaceWithVoid();
                }));
    }

    /** The owner cancels: a finished job cannot be, a cancelled one stays cancelled. 404 for anyone else. */
    public Uni<Job> cancel(String ownerId, String kind, String jobId) {
        return Panache.withTransaction(() -> Job.<Job>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> {
                    if (job == null || !job.ownerId.equals(ownerId) || !job.kind.equals(kind)) {
                        throw ProblemException.notFound("Job", jobId);
                    }
                    if (job.status == JobStatus.CANCELLED) {
                        return Uni.createFrom().item(job);
                    }
                    if (job.finished()) {
                        throw ProblemException.conflict("The job already " + job.status.wire());
                    }
                    job.status = JobStatus.CANCELLED;
                    job.stage = "cancelled";
                    return finish(job).replaceWith(job);
                }));
    }

    /**
     * Jobs of these kinds nobody runs: queued for a while (their dispatch was lost or every worker was busy) or
     * running under an expired lease (their worker died). Those out of attempts are failed here; the rest are
     * returned to claim.
     */
    public Uni<List<String>> abandoned(Collection<String> kinds, int limit) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(ABANDONED, String.class)
                        .setParameter(1, limit)
                        .setParameter(2, kinds)
                        .getResultList())
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(ids)
                        : Job.<Job>list("id in ?1", ids).chain(jobs -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            List<String> claimable = new ArrayList<>();
                            for (Job job : jobs) {
                                if (job.attempts >= config.maxAttempts()) {
                                    job.error = "the job was interrupted " + job.attempts + " times"
                                            + (job.error == null ? "" : "; last error: " + job.error);
                                    chain = chain.chain(() -> failForGood(job));
                                } else {
                                    claimable.add(job.id);
                                }
                            }
                            return chain.replaceWith(claimable);
                        })));
    }

    /** Marks the job failed with its error and lets its kind record what a failure means to it. */
    private Uni<Void> failForGood(Job job) {
        job.status = JobStatus.FAILED;
        job.stage = "failed";
        Uni<Void> recorded = executors.stream()
                .filter(e -> e.kind().equals(job.kind))
                .findFirst()
                .map(executor -> executor.failed(job))
                .orElse(Uni.createFrom().voidItem());
        return recorded.chain(() -> finish(job));
    }

    private Uni<Void> finish(Job job) {
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.updatedAt = OffsetDateTime.now();
        job.revision++;
        return announce(job).replaceWithVoid();
    }

    private Uni<?> dispatch(Job job) {
        return outbox.add(events.queued(), job.id, new JobQueuedV1(job.id, job.kind, job.ownerId));
    }

    private Uni<?> announce(Job job) {
        return outbox.add(events.progress(), job.id, job.state());
    }

    private static boolean mine(Job job, String worker) {
        return job != null && job.status == JobStatus.RUNNING && worker.equals(job.leaseOwner);
    }

    private OffsetDateTime leaseEnd() {
        return OffsetDateTime.now().plus(config.lease());
    }
}
