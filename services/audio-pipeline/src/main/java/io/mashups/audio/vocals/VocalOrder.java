package io.mashups.audio.vocals;

import java.util.List;

/**
 * A validated vocal request as its job reads it.
 *
 * @param engine     the engine's id, {@code voice} the voice within it
 * @param key        the key's name, as {@link io.mashups.audio.dsp.MusicalKey#parse} reads it
 * @param melodyRef  an upload of the owner's to take the melody from, or null
 * @param mashupId   the mashup the vocal was fitted to, or null
 */
public record VocalOrder(
        List<String> lines,
        String style,
        String engine,
        String voice,
        double bpm,
        String key,
        String melodyRef,
        String mashupId) {
    public String voiceId() {
        return engine + ":" + voice;
    }
}
