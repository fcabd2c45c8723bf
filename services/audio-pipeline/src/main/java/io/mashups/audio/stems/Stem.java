package io.mashups.audio.stems;

import java.util.Locale;

/** The four stems every engine produces, as Demucs names them. */
public enum Stem {
    VOCALS,
    DRUMS,
    BASS,
    OTHER;

    /** As the API and events name it: vocals, drums, bass, other. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String fileName() {
        return wire() + ".wav";
    }
}
