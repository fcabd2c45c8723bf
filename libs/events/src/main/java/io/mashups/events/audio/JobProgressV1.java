package io.mashups.events.audio;

import io.mashups.events.EventData;

/** A long audio job moved on: {@code progress} is 0-100; {@code error} is set when it failed. */
public record JobProgressV1(String jobId, String ownerId, String status, String stage, int progress, String error)
        implements EventData {
}
