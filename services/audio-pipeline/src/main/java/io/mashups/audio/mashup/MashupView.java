package io.mashups.audio.mashup;

import java.time.OffsetDateTime;
import java.util.List;

/** A mashup as the player needs it: presigned, short-lived URLs of the audio and of the waveform peaks (JSON). */
public record MashupView(
        String id,
        String ownerId,
        String title,
        List<String> sources,
        double durationSec,
        double bpm,
        String key,
        String format,
        String visibility,
        String audioUrl,
        String waveformUrl,
        OffsetDateTime createdAt) {}
