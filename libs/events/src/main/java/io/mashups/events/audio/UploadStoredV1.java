package io.mashups.events.audio;

import io.mashups.events.EventData;

/** An upload was validated as audio and stored. */
public record UploadStoredV1(
        String uploadId,
        String ownerId,
        String objectKey,
        String fileName,
        String contentType,
        long sizeBytes,
        double durationSec,
        int sampleRate,
        int channels,
        String codec)
        implements EventData {}
