package io.mashups.studio.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A project as its members see it, with the caller's role. */
public record ProjectView(
        String id,
        String ownerId,
        String title,
        double bpm,
        String key,
        JsonNode document,
        long sequence,
        String role,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
