package io.mashups.community.mashup;

import io.mashups.messaging.mashups.KnownMashup;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The mashup of an entry, as the player fetches it from the audio service by id. */
public record MashupRef(
        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String id,

        @Schema(examples = "Midnight City x Dreams") String title,
        @Schema(examples = "95.5") double durationSec) {
    public static MashupRef of(KnownMashup mashup) {
        return new MashupRef(mashup.id, mashup.title, mashup.durationSec);
    }
}
