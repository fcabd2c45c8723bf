package io.mashups.audio.generation;

import java.util.List;

/**
 * A validated generation request as the job keeps it: the vocal's source, and the instrumentals' sources in the
 * order they take turns (instrumentalFrom first, then the other sources).
 */
public record MashupOrder(
        List<String> sources,
        String vocalsFrom,
        List<String> instrumentals,
        Double targetBpm,
        String targetKey,
        Double durationSec,
        String format,
        String title,
        /* the creator's name from their token, drawn on the cover; null when the token gives none */
        String creatorName) {}
