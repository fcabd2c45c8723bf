package io.mashups.events.jobs;

import io.mashups.events.EventType;

/** The two event types of one service's job engine: dispatch to its workers, and every change of a job. */
public record JobEvents(String owner, EventType<JobQueuedV1> queued, EventType<JobProgressV1> progress) {}
