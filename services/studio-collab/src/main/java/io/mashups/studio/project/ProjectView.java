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
        /* for a remix: {mashupId, commercial, licence, credit} (credit null when the licence asks none); else null */
        JsonNode remix,
        String role,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
