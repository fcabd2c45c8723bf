package io.mashups.audio.render;

import io.mashups.audio.dsp.MusicalKey;
import java.util.List;

/**
 * How the songs become one, in output time. Tempo factors are output tempo over input tempo (1.1 = 10% faster).
 *
 * @param vocalMultiple  how the vocal's own tempo is counted to meet the mix (0.5 half time, 2 double time, ...)
 * @param compromises    what the planner did beyond clean mixing, in words (a stretch beyond 15%, ...)
 * @param vocalStartSec  downbeat of the bar where the singing starts, in the vocal song's own time
 * @param vocalEntrySec  where that bar lands in the output: the phrase boundary after the intro
 * @param vocalEndSec    where the vocal has faded out: after a whole number of phrases
 * @param beds           the instrumentals, each fitted to the target tempo and key
 * @param sections       which instrumental plays when; consecutive sections cross-fade over one bar
 */
public record MashupPlan(
        double targetBpm,
        MusicalKey key,
        double vocalTempo,
        double vocalMultiple,
        int vocalSemitones,
        double vocalStartSec,
        double vocalEntrySec,
        double vocalEndSec,
        List<Bed> beds,
        List<Section> sections,
        double barSec,
        double durationSec,
        List<String> compromises) {

    /**
     * An instrumental: tempo factor, how its own tempo is counted ({@code multiple}), pitch shift (-3..3) and its first
     * downbeat in its own time.
     */
    public record Bed(String sourceId, double tempo, double multiple, int semitones, double startSec) {}

    /** Output time from..to played by bed {@code bed}. */
    public record Section(int bed, double fromSec, double toSec) {}
}
