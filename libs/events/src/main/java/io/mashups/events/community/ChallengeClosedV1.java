package io.mashups.events.community;

import io.mashups.events.EventData;
import java.util.List;

/** A challenge closed; {@code winnerUserIds} in rank order. */
public record ChallengeClosedV1(String challengeId, List<String> winnerUserIds) implements EventData {}
