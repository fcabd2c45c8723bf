package io.mashups.events.audio;

import io.mashups.events.EventData;
import java.util.Map;

/**
 * Someone began a remix of a mashup: studio-collab makes the remix's project (its id is {@code remixId}) with the
 * mashup's stems as tracks. {@code stems} maps stem name (vocals, drums, bass, other) to object key; {@code licence}
 * is the mashup's remix permissions as they were when the remix began; {@code credit} names the source when the
 * licence requires attribution (and is null otherwise).
 */
public record RemixStartedV1(
        String remixId,
        String remixerId,
        String title,
        String mashupId,
        double bpm,
        String key,
        double durationSec,
        Map<String, String> stems,
        boolean commercial,
        Licence licence,
        Credit credit)
        implements EventData {
    /** The permissions a remix keeps, whatever the owner changes later. */
    public record Licence(boolean allowRemix, boolean requireAttribution, boolean allowCommercial) {}

    /** Who and what a remix credits. */
    public record Credit(String mashupId, String title, String ownerId) {}
}
