package io.mashups.studio.project;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a member needs to open the studio WebSocket: a short-lived token (browsers cannot set headers there). */
@Schema(name = "JoinTicket")
public record JoinTicket(
        @Schema(examples = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.sig")
        String token,

        @Schema(examples = "project-3f2a") String room,

        @Schema(examples = "/ws/studio/3f2a?token=eyJhbGciOiJIUzI1NiJ9...")
        String webSocket,

        Instant expiresAt) {}
