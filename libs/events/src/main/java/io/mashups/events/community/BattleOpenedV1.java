package io.mashups.events.community;

import io.mashups.events.EventData;
import java.time.Instant;

/** A battle opened for entries and votes. */
public record BattleOpenedV1(String battleId, String title, Instant startsAt, Instant endsAt) implements EventData {}
