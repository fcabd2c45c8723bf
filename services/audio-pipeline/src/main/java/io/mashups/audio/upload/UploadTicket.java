package io.mashups.audio.upload;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where and how the browser PUTs the file, then it calls complete. */
@Schema(name = "UploadTicket")
public record UploadTicket(
        String id,
        URI uploadUrl,
        @Schema(examples = "PUT") String method,
        Map<String, String> headers,
        OffsetDateTime expiresAt) {}
