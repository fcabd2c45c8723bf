package io.mashups.audio.cover;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The cover designs: a gradient with the waveform, waveform bars coloured by section, a circular waveform, type. */
public enum CoverTemplate {
    GRADIENT,
    WAVEFORM_BARS,
    CIRCULAR,
    MINIMAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CoverTemplate> of(String wire) {
        return Arrays.stream(values())
                .filter(template -> template.wire().equals(wire))
                .findFirst();
    }
}
