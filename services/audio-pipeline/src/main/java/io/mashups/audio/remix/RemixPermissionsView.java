package io.mashups.audio.remix;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mashup's remix permissions, as its owner set them (or the defaults). */
@Schema(name = "RemixPermissions", example = """
        {"mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "allowRemix": true, "requireAttribution": true,
        "allowCommercial": false}""")
public record RemixPermissionsView(
        String mashupId, boolean allowRemix, boolean requireAttribution, boolean allowCommercial) {
    static RemixPermissionsView of(String mashupId, RemixPermissions permissions) {
        return new RemixPermissionsView(
                mashupId, permissions.allowRemix(), permissions.requireAttribution(), permissions.allowCommercial());
    }
}
