package io.mashups.jobs;

import io.mashups.media.MediaTools;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The kinds the test app runs. A kind without an executor here ({@link #ELSEWHERE}) is run by another replica. */
final class TestJobs {
    static final String SLEEPER = "sleeper";
    static final String FLAKY = "flaky";
    static final String ELSEWHERE = "elsewhere";

    private TestJobs() {}

    /** Reports a few steps, runs {@code sleep <request>} as a child process, records a result row. */
    @ApplicationScoped
    static class Sleeper implements JobExecutor {
        @Override
        public String kind() {
            return SLEEPER;
        }

        @Override
        public Completion execute(Job job, Context context) throws Exception {
            context.progress("warming up", 10);
            context.progress("sleeping", 20);
            MediaTools.run(List.of("sleep", job.request(String.class)), 120);
            context.progress("recording", 90);
            return () -> Panache.getSession()
                    .chain(session -> session.createNativeQuery("INSERT INTO job_results (job_id) VALUES (?1)")
                            .setParameter(1, job.id)
                            .executeUpdate())
                    .replaceWith(job.id);
        }
    }

    /** Fails every attempt with a reason that names the attempt. */
    @ApplicationScoped
    static class Flaky implements JobExecutor {
        @Override
        public String kind() {
            return FLAKY;
        }

        @Override
        public Completion execute(Job job, Context context) {
            throw new IllegalStateException("flaky failure on attempt " + job.attempts);
        }

        @Override
        public Uni<Void> failed(Job job) {
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery("INSERT INTO job_failures VALUES (?1, ?2)")
                            .setParameter(1, job.id)
                            .setParameter(2, job.error)
                            .executeUpdate())
                    .replaceWithVoid();
        }
    }
}
