package io.mashups.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The job engine of a service: {@code mashups.jobs.*}. */
@ConfigMapping(prefix = "mashups.jobs")
public interface JobsConfig {
    /** Whose job events these are ({@code audio}, ...): names the work queue and progress topics in the catalogue. */
    String owner();

    /** Whether this replica runs jobs (an API-only deployment turns it off; the worker deployment keeps it on). */
    @WithDefault("true")
    boolean workerEnabled();

    /** Jobs one worker runs at once. */
    @WithDefault("1")
    int concurrency();

    /** A running job's claim; a worker renews it while alive, so a dead worker's job is free after this. */
    @WithDefault("60s")
    Duration lease();

    /** How often a worker looks for jobs nobody is running (lost dispatch, expired lease). */
    @WithDefault("10s")
    Duration sweepInterval();

    /** Attempts before a job fails for good. */
    @WithDefault("3")
    int maxAttempts();

    /** Where workers keep temporary files while a job runs. */
    @WithDefault("${java.io.tmpdir}")
    String workDir();
}
