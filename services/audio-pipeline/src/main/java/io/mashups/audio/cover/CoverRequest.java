package io.mashups.audio.cover;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The owner's choice of cover template. */
@Schema(name = "CoverRequest", example = """
        {"template": "waveform-bars"}""")
public record CoverRequest(
        @Schema(enumeration = {"gradient", "waveform-bars", "circular", "minimal"})
        String template) {}
