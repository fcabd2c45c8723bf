package io.mashups.audio.stems;

import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobFollowers;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.entitlements.UserEntitlements;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Stems of a user's uploads: splitting one is a job of the engine ({@link StemsJob}); reading them needs the upload
 * to be the caller's and a tier with stem exports (free: 402 with the upgrade path).
 */
@ApplicationScoped
public class StemsService {
    private static final String LIVE_JOB = "SELECT id FROM jobs WHERE kind = 'stems' AND subject_id = ?1 AND "
            + "owner_id = ?2 AND status IN ('queued', 'running', 'completed') ORDER BY created_at DESC LIMIT 1";

    private final JobStore jobs;
    private final JobFollowers followers;
    private final Entitlements entitlements;
    private final StemRegistry registry;

    public StemsService(JobStore jobs, JobFollowers followers, Entitlements entitlements, StemRegistry registry) {
        this.jobs = jobs;
        this.followers = followers;
        this.entitlements = entitlements;
        this.registry = registry;
    }

    /**
     * Queues the split; while a split of the upload is queued, running or done, asking again answers that job (a
     * failed or cancelled one may be tried again). One request of the user at a time, so two cannot both queue one.
     */
    public Uni<Job> split(String userId, String uploadId) {
        return Panache.withTransaction(() -> jobs.submitOnce(
                userId,
                null,
                () -> ownStoredUpload(userId, uploadId)
                        .chain(upload -> exportsAllowed(userId))
                        .chain(() -> Panache.getSession())
                        .chain(session -> session.createNativeQuery(LIVE_JOB, String.class)
                                .setParameter(1, uploadId)
                                .setParameter(2, userId)
                                .getResultList())
                        .chain(live -> live.isEmpty()
                                ? jobs.enqueue(StemsJob.KIND, userId, uploadId, Map.of())
                                : Job.<Job>findById(live.get(0)))));
    }

    public Uni<StemsView> stems(String userId, String uploadId) {
        return Panache.withSession(() -> exportsAllowed(userId)
                        .chain(() -> ownStoredUpload(userId, uploadId))
                        .chain(upload -> registry.stems(StemRegistry.Asset.UPLOAD, uploadId)))
                .map(stems -> {
                    if (stems.isEmpty()) {
                        throw new ProblemException(Problem.of(
                                404,
                                "no-stems",
                                "No stems yet",
                                "The upload has not been split: POST /api/media/uploads/" + uploadId + "/stems"));
                    }
                    return new StemsView(uploadId, stems.get(0).engine(), registry.views(stems));
                });
    }

    /** A stems job of the caller's, for the upload in the path; 404 otherwise. */
    public Uni<StemsJobView> status(String userId, String uploadId, String jobId) {
        return Panache.withSession(() -> jobs.owned(userId, StemsJob.KIND, jobId))
                .map(job -> {
                    if (!uploadId.equals(job.subjectId)) {
                        throw ProblemException.notFound("Job", jobId);
                    }
                    return StemsJobView.of(job.state());
                });
    }

    public Uni<Multi<StemsJobView>> follow(String userId, String jobId) {
        return followers.follow(userId, StemsJob.KIND, jobId).map(states -> states.map(StemsJobView::of));
    }

    /** The caller's stored upload; 404 for anyone else's or a missing one, 409 while it is not stored. */
    private static Uni<Upload> ownStoredUpload(String userId, String uploadId) {
        return Upload.<Upload>findById(uploadId).map(upload -> {
            if (upload == null || !upload.ownerId.equals(userId)) {
                throw ProblemException.notFound("Upload", uploadId);
            }
            if (upload.status != UploadStatus.STORED) {
                throw ProblemException.conflict(
                        "The upload is " + upload.status.name().toLowerCase() + "; only a stored upload can be split");
            }
            return upload;
        });
    }

    private Uni<Void> exportsAllowed(String userId) {
        return entitlements
                .of(userId)
                .invoke(plan -> {
                    if (!plan.limits().stemExports()) {
                        throw noStemExports(plan);
                    }
                })
                .replaceWithVoid();
    }

    /** The 402 of a plan without stem exports, with the way to one. */
    public static ProblemException noStemExports(UserEntitlements plan) {
        return ProblemException.limitReached(
                "stem exports", null, 0, plan.tier().name().toLowerCase(), UserEntitlements.UPGRADE_PATH);
    }
}
