package io.mashups.attribution.fingerprint;

/**
 * A spectral peak: its analysis frame ({@link PeakFinder#FRAMES_PER_SECOND} a second), its pitch in semitones above
 * {@link PeakFinder#REFERENCE_HZ} (so a pitch shift adds a constant) and how far it stands above its neighbourhood, in dB.
 */
public record Peak(int frame, float pitch, float salience) {}
