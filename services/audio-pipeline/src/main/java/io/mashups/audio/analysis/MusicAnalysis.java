package io.mashups.audio.analysis;

import io.mashups.audio.dsp.MusicalKey;

/**
 * What the analyser found in a song.
 *
 * @param bpm         tempo, quarter notes per minute
 * @param beats       beat times in seconds
 * @param downbeats   first beats of bars, in seconds
 * @param sections    section start times in seconds, starting with 0
 */
public record MusicAnalysis(
        double bpm,
        double tempoConfidence,
        double[] beats,
        double[] downbeats,
        MusicalKey key,
        double keyConfidence,
        double integratedLufs,
        double truePeakDbtp,
        double[] sections,
        double durationSec) {}
