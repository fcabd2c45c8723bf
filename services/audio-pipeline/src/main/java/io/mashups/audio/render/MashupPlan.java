package io.mashups.audio.render;

import io.mashups.audio.dsp.MusicalKey;

/**
 * How two songs become one: tempo factors (output tempo over input tempo) and pitch shifts per part, and where the
 * vocal enters.
 *
 * @param vocalTempo          time-stretch factor of the vocals (1.1 = 10% faster)
 * @param vocalSemitones      pitch shift of the vocals, -3..3
 * @param instrumentalTempo   time-stretch factor of the instrumental
 * @param instrumentalSemitones pitch shift of the instrumental, -3..3
 * @param instrumentalStartSec first downbeat of the instrumental, in its own time
 * @param vocalStartSec       downbeat of the bar where the singing starts, in the vocal song's own time
 * @param vocalEntrySec       where that bar lands in the output: a phrase boundary after the intro
 * @param barSec              one bar at the target tempo
 */
public record MashupPlan(double targetBpm, MusicalKey key, double vocalTempo, int vocalSemitones, double instrumentalTempo,
                         int instrumentalSemitones, double instrumentalStartSec, double vocalStartSec, double vocalEntrySec,
                         double barSec, double durationSec) {
}
