package io.mashups.audio.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.job.Job;
import io.mashups.audio.job.JobConfig;
import io.mashups.audio.job.JobStore;
import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.upload.Upload;
import io.mashups.events.billing.Limits;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.entitlements.UserEntitlements;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Starting, following, cancelling and collecting AI mashup generations, within the caller's plan. */
@ApplicationScoped
public class GenerationService {
    static final String UPGRADE_PATH = "/api/billing/checkout";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 500;

    private final JobStore jobs;
    private final JobConfig config;
    private final Entitlements entitlements;
    private final MashupService mashups;
    private final Pool pool;
    private final Vertx vertx;

    public GenerationService(JobStore jobs, JobConfig config, Entitlements entitlements, MashupService mashups, Pool pool,
                             Vertx vertx) {
        this.jobs = jobs;
        this.config = config;
        this.entitlements = entitlements;
        this.mashups = mashups;
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Queues a generation after checking the sources, the plan's monthly limits and the user's running jobs. */
    public Uni<Job> start(String userId, GenerationRequest request, String idempotencyKey) {
        MashupOrder order = resolve(request);
        return Panache.withTransaction(() -> Panache.getSession()
                // one generation request per user at a time, so two cannot both squeeze under a limit
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "generation:" + userId).getSingleResult())
                .chain(locked -> idempotencyKey == null ? Uni.createFrom().<Job>nullItem()
                        : Job.<Job>find("ownerId = ?1 and idempotencyKey = ?2", userId, idempotencyKey).<Job>firstResult())
                .chain(existing -> existing != null ? Uni.createFrom().<Job>item(existing)
                        : checkSources(userId, order)
                                .chain(() -> checkLimits(userId))
                                .chain(() -> jobs.enqueue(MashupJob.KIND, userId, null, json(order), idempotencyKey))));
    }

    public Uni<JobView> status(String userId, String jobId) {
        return Panache.withSession(() -> owned(userId, jobId).chain(job -> job.resultId == null
                ? Uni.createFrom().item(JobView.of(job, null))
                : Mashup.<Mashup>findById(job.resultId).map(mashup -> JobView.of(job, mashup == null ? null : mashups.view(mashup)))));
    }

    public Uni<JobView> cancel(String userId, String jobId) {
        return jobs.cancel(userId, MashupJob.KIND, jobId).map(job -> JobView.of(job, null));
    }

    /** Where the finished audio can be fetched; a clear 409 while there is none. */
    public Uni<URI> download(String userId, String jobId) {
        return Panache.withSession(() -> owned(userId, jobId).chain(job -> {
            if (!Job.COMPLETED.equals(job.status)) {
                String reason = switch (job.status) {
                    case Job.CANCELLED -> "The job was cancelled; it has nothing to download";
                    case Job.FAILED -> "The job failed: " + job.error;
                    default -> "The mashup is not ready yet (" + job.stage + ", " + job.progress + "%)";
                };
                throw new ProblemException(Problem.of(409, "not-downloadable", "Nothing to download", reason)
                        .with("status", job.status));
            }
            return Mashup.<Mashup>findById(job.resultId).map(mashup -> {
                if (mashup == null) {
                    throw new ProblemException(Problem.of(410, "deleted", "Deleted", "The mashup was deleted"));
                }
                return mashups.audioUrl(mashup);
            });
        }));
    }

    /**
     * Progress as it happens: the job's row is read every half second (whichever replica runs the job) and every
     * change is emitted; the stream ends after the job finishes.
     */
    public Uni<Multi<JobView>> follow(String userId, String jobId) {
        return Panache.withSession(() -> owned(userId, jobId)).map(job -> Multi.createFrom().emitter(emitter -> {
            AtomicReference<JobView> last = new AtomicReference<>();
            AtomicBoolean polling = new AtomicBoolean();
            long timer = vertx.setPeriodic(0, POLL_MILLIS, tick -> {
                if (!polling.compareAndSet(false, true)) {
                    return;
                }
                pool.preparedQuery("SELECT status, stage, progress, attempts, error, result_id FROM jobs WHERE id = $1")
                        .execute(Tuple.of(jobId))
                        .subscribe().with(rows -> {
                            polling.set(false);
                            Row row = rows.iterator().next();
                            JobView view = new JobView(jobId, row.getString("status"), row.getString("stage"),
                                    row.getInteger("progress"), row.getInteger("attempts"), row.getString("error"),
                                    row.getString("result_id"), null);
                            if (!view.equals(last.getAndSet(view))) {
                                emitter.emit(view);
                            }
                            if (Job.FINISHED.contains(view.status())) {
                                emitter.complete();
                            }
                        }, failure -> {
                            polling.set(false);
                            emitter.fail(failure);
                        });
            });
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        }));
    }

    private Uni<Job> owned(String userId, String jobId) {
        return Job.<Job>findById(jobId).map(job -> {
            if (job == null || !job.ownerId.equals(userId) || !MashupJob.KIND.equals(job.kind)) {
                throw ProblemException.notFound("Job", jobId);
            }
            return job;
        });
    }

    /** Validates what bean validation cannot: distinct sources, the picks among them, the key. */
    private static MashupOrder resolve(GenerationRequest request) {
        Map<String, String> errors = new HashMap<>();
        Set<String> sources = new LinkedHashSet<>(request.sources());
        if (sources.size() != request.sources().size()) {
            errors.put("sources", "must not repeat an upload");
        }
        List<String> ordered = List.copyOf(sources);
        String vocals = request.vocalsFrom() != null ? request.vocalsFrom() : ordered.get(0);
        String instrumental = request.instrumentalFrom() != null ? request.instrumentalFrom()
                : ordered.stream().filter(id -> !id.equals(vocals)).findFirst().orElse(vocals);
        if (!sources.contains(vocals)) {
            errors.put("vocalsFrom", "must be one of the sources");
        }
        if (!sources.contains(instrumental)) {
            errors.put("instrumentalFrom", "must be one of the sources");
        }
        if (Objects.equals(vocals, instrumental)) {
            errors.put("instrumentalFrom", "must differ from vocalsFrom");
        }
        String key = null;
        if (request.targetKey() != null) {
            key = MusicalKey.parse(request.targetKey()).map(MusicalKey::name).orElse(null);
            if (key == null) {
                errors.put("targetKey", "must be a key such as \"F# minor\", \"Am\" or a Camelot code such as \"8A\"");
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<String> instrumentals = new java.util.ArrayList<>(List.of(instrumental));
        ordered.stream().filter(id -> !id.equals(vocals) && !id.equals(instrumental)).forEach(instrumentals::add);
        return new MashupOrder(ordered, vocals, instrumentals, request.targetBpm(), key, request.durationSec(),
                request.format(), request.title() == null || request.title().isBlank() ? null : request.title().trim());
    }

    private Uni<Void> checkSources(String userId, MashupOrder order) {
        return Upload.<Upload>list("id in ?1", order.sources()).map(uploads -> {
            for (String id : order.sources()) {
                Upload upload = uploads.stream().filter(u -> u.id.equals(id)).findFirst().orElse(null);
                if (upload == null || !upload.ownerId.equals(userId)) {
                    throw ProblemException.notFound("Upload", id);
                }
                if (!Upload.STORED.equals(upload.status)) {
                    throw ProblemException.unprocessable("The upload " + id + " is " + upload.status + "; only stored uploads can be mixed");
                }
            }
            return null;
        });
    }

    private Uni<Void> checkLimits(String userId) {
        OffsetDateTime monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return entitlements.of(userId).chain(plan -> Job.count(
                        "ownerId = ?1 and kind = ?2 and status <> ?3 and createdAt >= ?4", userId, MashupJob.KIND, Job.FAILED, monthStart)
                .chain(generations -> {
                    Limits limits = plan.limits();
                    refuseOver(plan, "AI generations per month", limits.aiGenerationsPerMonth(), generations);
                    return Mashup.count("ownerId = ?1 and createdAt >= ?2", userId, monthStart);
                })
                .chain(created -> Job.count("ownerId = ?1 and kind = ?2 and status in (?3)", userId, MashupJob.KIND,
                        List.of(Job.QUEUED, Job.RUNNING)).map(active -> {
                    refuseOver(plan, "mashups per month", plan.limits().mashupsPerMonth(), created + active);
                    if (active >= config.maxActivePerUser()) {
                        throw new ProblemException(Problem.of(429, "too-many-jobs", "Too many generations at once",
                                "You have " + active + " generations queued or running; the limit is " + config.maxActivePerUser()
                                        + ". Wait for one to finish or cancel it."));
                    }
                    return null;
                })));
    }

    private static void refuseOver(UserEntitlements plan, String limit, Integer allowed, long used) {
        if (allowed != null && used >= allowed) {
            throw ProblemException.limitReached(limit, allowed, used, plan.tier().name().toLowerCase(), UPGRADE_PATH);
        }
    }

    private static String json(MashupOrder order) {
        try {
            return JSON.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
