package io.mashups.studio.project;

import java.time.Instant;

/** What a member needs to open the studio WebSocket: a short-lived token (browsers cannot set headers there). */
public record JoinTicket(String token, String room, String webSocket, Instant expiresAt) {}
