package io.mashups.events.community;

import io.mashups.events.EventData;
import java.time.Instant;

/**
 * A user earned XP by a rule ({@code reason}, as the XP log names it) from a source (an event, a mashup, a battle,
 * a streak milestone); {@code totalXp} and {@code level} are the user's after it.
 */
public record XpAwardedV1(
        String userId,
        int amount,
        String reason,
        long totalXp,
        int level,
        String source,
        String referenceId,
        Instant awardedAt)
        implements EventData {}
