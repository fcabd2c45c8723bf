package io.mashups.events.community;

import io.mashups.events.EventData;

/** A user earned XP. */
public record XpAwardedV1(String userId, int amount, String reason, long totalXp, int level) implements EventData {}
