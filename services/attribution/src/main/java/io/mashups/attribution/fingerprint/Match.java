package io.mashups.attribution.fingerprint;

/**
 * A reference track found in a query: where (seconds in each), how the query plays it ({@code tempo} > 1: faster;
 * {@code shiftSemitones} > 0: higher), how many distinct query moments agree ({@code score}) and the confidence
 * (0-100) that the track is really there.
 */
public record Match(
        int trackId,
        double queryStartSec,
        double queryEndSec,
        double referenceStartSec,
        double referenceEndSec,
        double tempo,
        double shiftSemitones,
        int score,
        int confidence) {}
