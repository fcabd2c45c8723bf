package io.mashups.events.captions;

import io.mashups.events.EventData;

/** Captions of a mashup are ready (or failed, with {@code error}). */
public record CaptionsCompletedV1(
        String mashupId, String ownerId, String language, String engine, int segmentCount, String error)
        implements EventData {}
