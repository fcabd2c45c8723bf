package io.mashups.events.community;

import io.mashups.events.EventData;

/** A battle closed; the winner is absent when nobody entered. */
public record BattleClosedV1(String battleId, String winnerEntryId, String winnerUserId, int totalVotes)
        implements EventData {}
