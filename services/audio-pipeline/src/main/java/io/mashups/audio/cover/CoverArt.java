package io.mashups.audio.cover;

import java.util.List;

/**
 * What a cover is drawn from: the mashup's title and creator, its waveform (peaks 0..1 over its length), its sections
 * (spans of the length, as fractions 0..1, each with the group that colours it: the same instrumental, the same
 * colour), how many musical bars it lasts (0 when unknown; the bars template draws one per bar when there are 16 to
 * 128) and a seed that picks the palette (the mashup's id, so its covers share colours).
 */
public record CoverArt(String title, String creator, float[] peaks, List<Section> sections, int bars, long seed) {
    public record Section(double from, double to, int group) {}

    /** The group of the section at {@code fraction} of the length; 0 outside every section. */
    int groupAt(double fraction) {
        for (Section section : sections) {
            if (fraction >= section.from() && fraction < section.to()) {
                return section.group();
            }
        }
        return 0;
    }

    /** The loudest peak in {@code [from, to)} of the length. */
    float peakBetween(double from, double to) {
        if (peaks.length == 0) {
            return 0;
        }
        int start = Math.min(peaks.length - 1, (int) Math.floor(from * peaks.length));
        int end = Math.max(start + 1, Math.min(peaks.length, (int) Math.ceil(to * peaks.length)));
        float peak = 0;
        for (int i = start; i < end; i++) {
            peak = Math.max(peak, peaks[i]);
        }
        return Math.min(1, peak);
    }
}
