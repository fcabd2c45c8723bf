package io.mashups.events.jobs;

import io.mashups.events.EventData;

/**
 * A job's state after a change: {@code status} queued, running, completed, failed or cancelled; {@code progress}
 * 0-100; {@code error} the readable reason of a failure; {@code resultId} what a completed job made. {@code revision}
 * grows with every change of the job, so a reader keeps the newest whatever order copies arrive in.
 */
public record JobProgressV1(
        String jobId,
        String ownerId,
        String kind,
        String status,
        String stage,
        int progress,
        int attempts,
        String error,
        String resultId,
        long revision)
        implements EventData {}
