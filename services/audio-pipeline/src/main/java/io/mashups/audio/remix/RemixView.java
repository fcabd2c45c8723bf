package io.mashups.audio.remix;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A remix begun: its studio project (same id; studio-collab makes it from {@code audio.remix-started}, so it can take a
 * moment to appear), the licence it keeps, and the credit it shows (null when the licence does not require one).
 */
@Schema(name = "Remix", example = """
        {"remixId": "9b0e6a4e-3a41-4e55-8f1f-52f0d0a5a0c1", "projectId": "9b0e6a4e-3a41-4e55-8f1f-52f0d0a5a0c1",
        "projectUrl": "/api/projects/9b0e6a4e-3a41-4e55-8f1f-52f0d0a5a0c1", "mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10",
        "remixerId": "user-2", "title": "Late night (remix)", "commercial": false,
        "licence": {"allowRemix": true, "requireAttribution": true, "allowCommercial": false},
        "credit": {"mashupId": "0f6c1f7e-5d1b-4c57-9d3e-2b1b3f7d9a10", "title": "Late night", "ownerId": "user-1"},
        "createdAt": "2026-12-05T10:00:00Z"}""")
public record RemixView(
        String remixId,
        String projectId,
        String projectUrl,
        String mashupId,
        String remixerId,
        String title,
        boolean commercial,
        RemixPermissions licence,
        Credit credit,
        OffsetDateTime createdAt) {
    public record Credit(String mashupId, String title, String ownerId) {}
}
