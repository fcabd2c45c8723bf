package io.mashups.attribution.fingerprint;

/**
 * Three peaks A, B, C in time order, described by what neither a time-stretch nor a pitch shift changes: where B
 * falls between A and C ({@code ratio}) and the pitch steps from A to B and to C, in semitones. The span A..C
 * (frames) and A's pitch change with stretch and shift; they are kept to estimate both and to narrow the hash.
 */
public record Triplet(int anchorFrame, int span, float anchorPitch, float ratio, float stepB, float stepC) {}
