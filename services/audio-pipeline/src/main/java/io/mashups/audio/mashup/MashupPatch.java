package io.mashups.audio.mashup;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Changes to a mashup; absent fields stay as they are. */
public record MashupPatch(
        @Size(min = 1, max = 120, message = "must be 1 to 120 characters")
        String title,

        @Pattern(regexp = "private|unlisted|public", message = "must be private, unlisted or public")
        String visibility) {}
