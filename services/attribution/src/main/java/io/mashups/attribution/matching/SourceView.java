package io.mashups.attribution.matching;

/**
 * A source as the API shows it: the reference track, the confidence (0-100), the matched ranges in this audio
 * ({@code start}/{@code end}) and in the reference, and how the audio plays the reference (tempo, semitones).
 */
public record SourceView(
        String referenceId,
        String claimId,
        String title,
        String artist,
        int confidence,
        Range matched,
        Range inReference,
        double tempo,
        double shiftSemitones,
        boolean verified,
        boolean fingerprintMatch) {
    public record Range(double startSec, double endSec) {}

    static SourceView of(AttributionSource s) {
        return new SourceView(
                s.referenceId,
                s.claimId,
                s.title,
                s.artist,
                s.confidence,
                new Range(s.queryStartSec, s.queryEndSec),
                new Range(s.referenceStartSec, s.referenceEndSec),
                s.tempo,
                s.shiftSemitones,
                s.verified,
                s.fingerprintMatch);
    }
}
