package io.mashups.audio.remix;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The owner's remix permissions for a mashup, all three stated. */
@Schema(name = "RemixPermissionsRequest", example = """
        {"allowRemix": true, "requireAttribution": true, "allowCommercial": false}""")
public record RemixPermissionsRequest(
        @NotNull(message = "must be true or false") Boolean allowRemix,
        @NotNull(message = "must be true or false") Boolean requireAttribution,
        @NotNull(message = "must be true or false") Boolean allowCommercial) {
    RemixPermissions permissions() {
        return new RemixPermissions(allowRemix, requireAttribution, allowCommercial);
    }
}
