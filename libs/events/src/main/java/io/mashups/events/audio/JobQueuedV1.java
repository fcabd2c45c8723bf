package io.mashups.events.audio;

import io.mashups.events.EventData;

/**
 * An audio job (kind {@code analysis} or {@code mashup}) is waiting for a worker. Internal to audio-pipeline: its
 * workers form one consumer group; the job's state, attempts and lease live in the service's database.
 */
public record JobQueuedV1(String jobId, String kind, String ownerId) implements EventData {
}
