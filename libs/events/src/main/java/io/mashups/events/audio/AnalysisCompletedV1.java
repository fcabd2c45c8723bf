package io.mashups.events.audio;

import io.mashups.events.EventData;

/** Music analysis of an upload finished: tempo, key and loudness. */
public record AnalysisCompletedV1(
        String uploadId,
        String ownerId,
        double bpm,
        String key,
        double keyConfidence,
        double integratedLufs,
        double truePeakDbtp,
        double durationSec)
        implements EventData {}
