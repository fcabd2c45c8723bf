package io.mashups.events.studio;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.List;

/** A studio project's metadata or document changed (debounced by studio-collab). */
public record ProjectChangedV1(
        String projectId,
        String ownerId,
        String title,
        List<String> memberIds,
        long sequence,
        boolean deleted,
        Instant changedAt)
        implements EventData {}
