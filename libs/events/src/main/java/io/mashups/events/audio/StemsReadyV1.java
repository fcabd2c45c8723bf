package io.mashups.events.audio;

import io.mashups.events.EventData;
import java.util.Map;

/** Stems of an upload or mashup were separated; {@code stems} maps stem name (vocals, drums, bass, other) to object key. */
public record StemsReadyV1(String assetId, String assetKind, String ownerId, String engine, Map<String, String> stems)
        implements EventData {}
