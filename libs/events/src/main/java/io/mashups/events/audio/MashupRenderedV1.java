package io.mashups.events.audio;

import io.mashups.events.EventData;
import java.util.List;

/** A mashup's audio was rendered and stored. */
public record MashupRenderedV1(
        String mashupId,
        String ownerId,
        String jobId,
        String title,
        List<String> sourceUploadIds,
        String audioObjectKey,
        String format,
        double durationSec,
        double bpm,
        String key,
        String visibility)
        implements EventData {}
