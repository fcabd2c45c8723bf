package io.mashups.audio.generation;

/** Answer to a generation request: where to follow the job. */
public record JobAccepted(String jobId, String status, String statusUrl, String eventsUrl) {}
