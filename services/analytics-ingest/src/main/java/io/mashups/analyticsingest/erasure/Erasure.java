package io.mashups.analyticsingest.erasure;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An erasure as it was recorded. The rollups forget the user within seconds (their contributions are taken back and
 * every state store entry of theirs removed); the raw topic cannot delete single records, so the user's raw events
 * leave it with its retention, by {@code rawEventsGoneBy}.
 */
@Schema(name = "Erasure", example = """
        {"id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "devices": 2, "requestedAt": "2026-12-04T10:00:00Z",
        "rawEventsGoneBy": "2026-12-11T10:00:00Z"}""")
public record Erasure(UUID id, int devices, Instant requestedAt, Instant rawEventsGoneBy) {}
