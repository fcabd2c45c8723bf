package io.mashups.audio.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.json.Json;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;

/** Between the analyser's result and its stored row. */
public final class AnalysisCodec {
    private static final ObjectMapper JSON = Json.mapper();

    private AnalysisCodec() {}

    public static Analysis toRow(String uploadId, String ownerId, MusicAnalysis result) {
        Analysis row = new Analysis();
        row.uploadId = uploadId;
        row.ownerId = ownerId;
        row.bpm = result.bpm();
        row.tempoConfidence = result.tempoConfidence();
        row.beats = json(result.beats());
        row.downbeats = json(result.downbeats());
        row.musicalKey = result.key().name();
        row.camelot = result.key().camelot();
        row.keyConfidence = result.keyConfidence();
        row.integratedLufs = result.integratedLufs();
        row.truePeakDbtp = result.truePeakDbtp();
        row.sections = json(result.sections());
        row.durationSec = result.durationSec();
        row.analysedAt = OffsetDateTime.now();
        return row;
    }

    public static MusicAnalysis fromRow(Analysis row) {
        return new MusicAnalysis(
                row.bpm,
                row.tempoConfidence,
                times(row.beats),
                times(row.downbeats),
                MusicalKey.parse(row.musicalKey).orElseThrow(),
                row.keyConfidence,
                row.integratedLufs,
                row.truePeakDbtp,
                times(row.sections),
                row.durationSec);
    }

    static double[] times(String json) {
        try {
            return JSON.readValue(json, double[].class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(double[] times) {
        double[] rounded = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            rounded[i] = Math.round(times[i] * 1000) / 1000.0;
        }
        try {
            return JSON.writeValueAsString(rounded);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
