package io.mashups.events.community;

import io.mashups.events.EventData;
import java.time.Instant;

/** A challenge opened for submissions. */
public record ChallengeOpenedV1(String challengeId, String title, Instant startsAt, Instant endsAt)
        implements EventData {}
