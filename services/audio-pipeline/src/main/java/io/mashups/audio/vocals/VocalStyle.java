package io.mashups.audio.vocals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the lyrics are delivered. */
public enum VocalStyle {
    SINGING,
    RAP,
    SPOKEN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VocalStyle> parse(String wire) {
        return Arrays.stream(values())
                .filter(style -> style.wire().equals(wire))
                .findFirst();
    }
}
