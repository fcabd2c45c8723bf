package io.mashups.community.challenge;

import java.time.Instant;
import java.util.List;

/**
 * One page of a challenge's ranked entries. {@code frozen}: the board as it stood at {@code asOf} (the freeze), until
 * the final ranking; {@code final}: ranked at the end.
 */
public record ChallengeBoard(
        String challengeId,
        boolean frozen,

        @com.fasterxml.jackson.annotation.JsonProperty("final")
        boolean ranked,

        Instant asOf,
        List<ChallengeEntryView> entries,
        int page,
        int size,
        long total) {}
