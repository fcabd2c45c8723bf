package io.mashups.audio.vocals;

import io.mashups.audio.dsp.MusicalKey;
import java.util.List;

/**
 * One vocal to render.
 *
 * @param voice     the voice's name within its engine (the part of the id after the colon)
 * @param reference the melody to follow, or null to compose one
 * @param seed      makes the composed melody the same for the same request
 */
public record VocalTask(
        List<String> lines,
        VocalStyle style,
        String voice,
        double bpm,
        MusicalKey key,
        MelodyContour reference,
        long seed) {}
