package io.mashups.studio.project;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new project: title, tempo, key and, optionally, a starting document (tracks, markers, transport). */
public record ProjectDraft(
        @NotBlank(message = "must not be empty") @Size(max = 120, message = "must be at most 120 characters")
        String title,

        @DecimalMin(value = "20", message = "must be 20 to 300 BPM")
        @DecimalMax(value = "300", message = "must be 20 to 300 BPM")
        Double bpm,

        @Size(max = 20) String key,
        JsonNode document) {}
