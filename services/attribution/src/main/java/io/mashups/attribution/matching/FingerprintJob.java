package io.mashups.attribution.matching;

import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fingerprinting an announced upload or mashup against the catalogue, a kind of the job engine (libs/jobs): the
 * work runs on a worker with a lease and retries, outside any consumer's transaction; what it found is stored and
 * announced in the transaction that completes the job. Audio that cannot be fetched or decoded fails at once, and a
 * job that fails for good is recorded as a failed attribution with its reason.
 */
@ApplicationScoped
public class FingerprintJob implements JobExecutor {
    public static final String KIND = "fingerprint";

    private final AttributionService attributions;

    public FingerprintJob(AttributionService attributions) {
        this.attributions = attributions;
    }

    /** What to fingerprint: an upload's or a mashup's ({@link Attribution#UPLOAD}, {@link Attribution#MASHUP}) audio. */
    record Request(Subject subjectKind, String objectKey) {}

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        Request request = job.request(Request.class);
        context.progress("fingerprinting", 10);
        AttributionService.Heard heard;
        try {
            heard = attributions.listen(request.subjectKind(), request.objectKey());
        } catch (ProblemException unusable) {
            throw new JobFailure(unusable.problem().detail());
        }
        return () -> attributions
                .record(request.subjectKind(), job.subjectId, job.ownerId, heard)
                .replaceWith(job.subjectId);
    }

    @Override
    public Uni<Void> failed(Job job) {
        try {
            return attributions.failed(job.request(Request.class).subjectKind(), job.subjectId, job.ownerId, job.error);
        } catch (JobFailure unreadable) {
            return Uni.createFrom().voidItem(); // nothing to attribute a failure to
        }
    }
}
