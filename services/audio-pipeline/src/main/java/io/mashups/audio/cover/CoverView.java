package io.mashups.audio.cover;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mashup's cover choice: the template its covers use, and where they are. */
@Schema(name = "Cover", example = """
        {"mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "template": "circular",
        "thumbnailUrl": "/api/thumbnails/0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10"}""")
public record CoverView(String mashupId, String template, String thumbnailUrl) {}
