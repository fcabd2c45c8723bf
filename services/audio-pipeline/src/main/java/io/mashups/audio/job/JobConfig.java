package io.mashups.audio.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Audio job workers: {@code mashups.audio.jobs.*}. */
@ConfigMapping(prefix = "mashups.audio.jobs")
public interface JobConfig {
    /** Whether this replica runs jobs (the API-only deployment turns it off; the worker deployment keeps it on). */
    @WithDefault("true")
    boolean workerEnabled();

    /** Jobs one worker runs at once; each uses up to two cores while separating. */
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

    /** Mashup generations one user may have queued or running at once. */
    @WithDefault("2")
    int maxActivePerUser();

    /** Where workers keep temporary files while a job runs. */
    @WithDefault("${java.io.tmpdir}")
    String workDir();
}
