package io.mashups.audio.dsp;

import java.util.ArrayList;
import java.util.List;

/**
 * Section boundaries (verse, chorus, breakdown...) from novelty: bars are described by their harmony (chroma) and
 * loudness, a checkerboard kernel slides along the diagonal of the bars' self-similarity matrix (Foote 2000), and
 * peaks of the resulting novelty curve at least four bars apart are boundaries.
 */
public final class SectionFinder {
    private static final int KERNEL_BARS = 4;
    private static final int MIN_SECTION_BARS = 4;

    private SectionFinder() {}

    /** Boundary times in seconds, starting with 0; {@code bars} are the downbeat times. */
    public static double[] boundaries(MusicFeatures features, double[] bars) {
        int count = bars.length - 1;
        if (count < 2 * KERNEL_BARS) {
            return new double[] {0};
        }
        double[][] descriptors = new double[count][];
        double maxLoudness = -1e9;
        double[] loudness = new double[count];
        for (int b = 0; b < count; b++) {
            loudness[b] = Math.log10(1e-12 + meanEnergy(features, bars[b], bars[b + 1]));
            maxLoudness = Math.max(maxLoudness, loudness[b]);
        }
        for (int b = 0; b < count; b++) {
            double[] chroma = TempoEstimator.meanChroma(features, bars[b], bars[b + 1]);
            double[] descriptor = new double[13];
            System.arraycopy(chroma, 0, descriptor, 0, 12);
            // one decade quieter moves the descriptor as much as a full change of harmony
            descriptor[12] = Math.max(-3, loudness[b] - maxLoudness) / 2;
            descriptors[b] = descriptor;
        }
        double[] novelty = new double[count];
        for (int b = KERNEL_BARS; b <= count - KERNEL_BARS; b++) {
            double value = 0;
            for (int i = -KERNEL_BARS; i < KERNEL_BARS; i++) {
                for (int j = -KERNEL_BARS; j < KERNEL_BARS; j++) {
                    double sign = (i < 0) == (j < 0) ? 1 : -1;
                    value += sign * similarity(descriptors[b + i], descriptors[b + j]);
                }
            }
            novelty[b] = Math.max(0, value);
        }
        double mean = 0;
        double max = 0;
        for (double v : novelty) {
            mean += v / count;
            max = Math.max(max, v);
        }
        double threshold = mean + 0.25 * (max - mean);
        List<Double> boundaries = new ArrayList<>();
        boundaries.add(0.0);
        int last = 0;
        for (int b = 1; b < count; b++) {
            boolean peak = novelty[b] > threshold
                    && novelty[b] >= novelty[b - 1]
                    && (b + 1 >= count || novelty[b] >= novelty[b + 1]);
            if (peak && b - last >= MIN_SECTION_BARS) {
                boundaries.add(bars[b]);
                last = b;
            }
        }
        return boundaries.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double meanEnergy(MusicFeatures features, double from, double to) {
        int first = Math.max(0, (int) (from * features.frameRate()));
        int last = Math.min(features.energy().length, (int) (to * features.frameRate()));
        double sum = 0;
        for (int f = first; f < last; f++) {
            sum += features.energy()[f];
        }
        return last > first ? sum / (last - first) : 0;
    }

    private static double similarity(double[] a, double[] b) {
        double distance = 0;
        for (int i = 0; i < a.length; i++) {
            distance += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.exp(-distance * 4);
    }
}
