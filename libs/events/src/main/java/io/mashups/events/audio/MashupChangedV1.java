package io.mashups.events.audio;

import io.mashups.events.EventData;

/** A mashup's owner renamed it, changed who may see it ({@code visibility}), or deleted it ({@code deleted}). */
public record MashupChangedV1(String mashupId, String ownerId, String title, String visibility, boolean deleted)
        implements EventData {}
