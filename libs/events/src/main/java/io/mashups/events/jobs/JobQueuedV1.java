package io.mashups.events.jobs;

import io.mashups.events.EventData;

/**
 * A job is waiting for a worker. Internal to the service that owns the job: its workers form one consumer group; the
 * job's state, attempts and lease live in the service's database.
 */
public record JobQueuedV1(String jobId, String kind, String ownerId) implements EventData {}
