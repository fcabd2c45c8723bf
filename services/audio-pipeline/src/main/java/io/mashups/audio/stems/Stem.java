package io.mashups.audio.stems;

import java.util.Locale;

/** The four stems every engine produces, as Demucs names them. */
public enum Stem {
    VOCALS,
    DRUMS,
    BASS,
    OTHER;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".wav";
    }
}
