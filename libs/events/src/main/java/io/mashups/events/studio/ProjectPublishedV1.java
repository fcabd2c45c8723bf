package io.mashups.events.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.events.EventData;
import java.time.Instant;

/**
 * A project's owner published it as a mashup: audio-pipeline renders the document (tracks, clips and their sources, as
 * the studio's view at {@code sequence}) into one. The project of a remix has the remix's id.
 */
public record ProjectPublishedV1(
        String projectId,
        String ownerId,
        String title,
        double bpm,
        String key,
        long sequence,
        JsonNode document,
        Instant publishedAt)
        implements EventData {}
