package io.mashups.audio.generation;

import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobFollowers;
import io.mashups.jobs.JobStatus;
import io.mashups.jobs.JobStore;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Starting, following, cancelling and collecting AI mashup generations, within the caller's plan. */
@ApplicationScoped
public class GenerationService {
    private final JobStore jobs;
    private final JobFollowers followers;
    private final AiQuota quota;
    private final MashupService mashups;

    public GenerationService(JobStore jobs, JobFollowers followers, AiQuota quota, MashupService mashups) {
        this.jobs = jobs;
        this.followers = followers;
        this.quota = quota;
        this.mashups = mashups;
    }

    /** Queues a generation after checking the sources, the plan's monthly limits and the user's running jobs. */
    public Uni<Job> start(String userId, String creatorName, GenerationRequest request, String idempotencyKey) {
        MashupOrder order = resolve(request, creatorName);
        // one request per user at a time, so two cannot both squeeze under a limit
        return Panache.withTransaction(() -> jobs.submitOnce(
                userId,
                idempotencyKey,
                () -> checkSources(userId, order)
                        .chain(() -> checkLimits(userId))
                        .chain(() -> jobs.enqueue(MashupJob.KIND, userId, null, order, idempotencyKey))));
    }

    public Uni<JobView> status(String userId, String jobId) {
        return Panache.withSession(() -> jobs.owned(userId, MashupJob.KIND, jobId)
                .chain(job -> job.resultId == null
                        ? Uni.createFrom().item(JobView.of(job, null))
                        : Mashup.<Mashup>findById(job.resultId)
                                .map(mashup -> JobView.of(job, mashup == null ? null : mashups.view(mashup)))));
    }

    public Uni<JobView> cancel(String userId, String jobId) {
        return jobs.cancel(userId, MashupJob.KIND, jobId).map(job -> JobView.of(job, null));
    }

    /** Where the finished audio can be fetched; a clear 409 while there is none. */
    public Uni<URI> download(String userId, String jobId) {
        return Panache.withSession(() -> jobs.owned(userId, MashupJob.KIND, jobId)
                .chain(job -> {
                    if (job.status != JobStatus.COMPLETED) {
                        String reason = switch (job.status) {
                            case CANCELLED -> "The job was cancelled; it has nothing to download";
                            case FAILED -> "The job failed: " + job.error;
                            default -> "The mashup is not ready yet (" + job.stage + ", " + job.progress + "%)";
                        };
                        throw new ProblemException(Problem.of(409, "not-downloadable", "Nothing to download", reason)
                                .with("jobStatus", job.status.wire()));
                    }
                    return Mashup.<Mashup>findById(job.resultId).map(mashup -> {
                        if (mashup == null) {
                            throw new ProblemException(Problem.of(410, "deleted", "Deleted", "The mashup was deleted"));
                        }
                        return mashups.audioUrl(mashup);
                    });
                }));
    }

    /** Progress as it happens, from whichever replica runs the job; the stream ends after the job finishes. */
    public Uni<Multi<JobView>> follow(String userId, String jobId) {
        return followers
                .follow(userId, MashupJob.KIND, jobId)
                .map(states -> states.map(state -> JobView.of(state, null)));
    }

    /** Validates what bean validation cannot: distinct sources, the picks among them, the key. */
    private static MashupOrder resolve(GenerationRequest request, String creatorName) {
        Map<String, String> errors = new HashMap<>();
        Set<String> sources = new LinkedHashSet<>(request.sources());
        if (sources.size() != request.sources().size()) {
            errors.put("sources", "must not repeat an upload");
        }
        List<String> ordered = List.copyOf(sources);
        String vocals = request.vocalsFrom() != null ? request.vocalsFrom() : ordered.get(0);
        String instrumental = request.instrumentalFrom() != null
                ? request.instrumentalFrom()
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
        ordered.stream()
                .filter(id -> !id.equals(vocals) && !id.equals(instrumental))
                .forEach(instrumentals::add);
        return new MashupOrder(
                ordered,
                vocals,
                instrumentals,
                request.targetBpm(),
                key,
                request.durationSec(),
                request.format(),
                request.title() == null || request.title().isBlank()
                        ? null
                        : request.title().trim(),
                creatorName);
    }

    private Uni<Void> checkSources(String userId, MashupOrder order) {
        return Upload.<Upload>list("id in ?1", order.sources()).map(uploads -> {
            for (String id : order.sources()) {
                Upload upload = uploads.stream()
                        .filter(u -> u.id.equals(id))
                        .findFirst()
                        .orElse(null);
                if (upload == null || !upload.ownerId.equals(userId)) {
                    throw ProblemException.notFound("Upload", id);
                }
                if (upload.status != UploadStatus.STORED) {
                    throw ProblemException.unprocessable(
                            "The upload " + id + " is " + upload.status.wire() + "; only stored uploads can be mixed");
                }
            }
            return null;
        });
    }

    private Uni<Void> checkLimits(String userId) {
        return quota.check(userId, MashupJob.KIND, "generations")
                .chain(usage -> Mashup.count("ownerId = ?1 and createdAt >= ?2", userId, AiQuota.monthStart())
                        .invoke(created -> AiQuota.refuseOver(
                                usage.plan(),
                                "mashups per month",
                                usage.plan().limits().mashupsPerMonth(),
                                created + usage.active())))
                .replaceWithVoid();
    }
}
