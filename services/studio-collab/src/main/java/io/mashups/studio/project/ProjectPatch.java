package io.mashups.studio.project;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

/** Metadata changes; the document itself changes through the studio's ops. */
public record ProjectPatch(
        @Size(min = 1, max = 120, message = "must be 1 to 120 characters")
        String title,

        @DecimalMin(value = "20", message = "must be 20 to 300 BPM")
        @DecimalMax(value = "300", message = "must be 20 to 300 BPM")
        Double bpm,

        @Size(max = 20) String key) {}
