package io.mashups.jobs;

import io.smallrye.mutiny.Uni;
import java.nio.file.Path;

/** The work of one job kind. Beans implementing it are found by kind; a replica runs only kinds it has beans for. */
public interface JobExecutor {
    String kind();

    /**
     * Does the blocking work (on a worker thread) and returns what to record when it succeeded; that runs in the
     * transaction that marks the job completed, and yields the result's id. Child processes must end when the
     * thread is interrupted (a cancel interrupts it).
     */
    Completion execute(Job job, Context context) throws Exception;

    /**
     * What to record when a job of this kind fails for good (its reason is {@code job.error}); runs in the
     * transaction that marks it failed.
     */
    default Uni<Void> failed(Job job) {
        return Uni.createFrom().voidItem();
    }

    interface Completion {
        Uni<String> record();
    }

    /** What a running job can do besides its work. */
    interface Context {
        /** A private directory, deleted after the job. */
        Path workDir();

        /** Records progress; throws {@link JobCancelled} when the job was cancelled or is no longer this worker's. */
        void progress(String stage, int percent) throws JobCancelled;
    }

    /** The job was cancelled, or another worker took it over after this one's lease ran out. */
    class JobCancelled extends Exception {
        public JobCancelled(String message) {
            super(message);
        }
    }
}
