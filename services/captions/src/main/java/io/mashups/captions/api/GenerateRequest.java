package io.mashups.captions.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Caption a mashup. {@code language}: an ISO 639-1 code (English only for the local engines). {@code lyrics}: the
 * words as sung, one line per phrase; given, they are aligned to the audio (synced lyrics) rather than transcribed.
 */
public record GenerateRequest(
        @NotBlank(message = "name the mashup")
        @Size(max = 100)
        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String mashupId,

        @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as \"en\"") @Schema(examples = "en")
        String language,

        @Size(max = 20000, message = "must be at most 20,000 characters")
        @Schema(examples = "Hold the line\nLove isn't always on time")
        String lyrics) {}
