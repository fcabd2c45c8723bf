package io.mashups.audio.render;

import io.mashups.media.MediaTools;
import io.mashups.media.PcmReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Levels read from a decoded file, streamed: where the singing starts, and peaks for the player's waveform. */
public final class PcmLevels {
    private static final int RATE = 8000;

    private PcmLevels() {}

    /** Index of the first bar (by downbeat) whose RMS reaches a quarter of the loudest bar's: where singing starts. */
    public static int firstSungBar(Path vocals, double[] downbeats) throws IOException, InterruptedException {
        if (downbeats.length < 2) {
            return 0;
        }
        double[] sums = new double[downbeats.length];
        long[] counts = new long[downbeats.length];
        stream(vocals, (index, sample) -> {
            double t = (double) index / RATE;
            int bar = java.util.Arrays.binarySearch(downbeats, t);
            bar = bar >= 0 ? bar : -bar - 2;
            if (bar >= 0) {
                sums[bar] += sample * sample;
                counts[bar]++;
            }
        });
        double loudest = 0;
        double[] rms = new double[downbeats.length];
        for (int bar = 0; bar < rms.length; bar++) {
            rms[bar] = counts[bar] == 0 ? 0 : Math.sqrt(sums[bar] / counts[bar]);
            loudest = Math.max(loudest, rms[bar]);
        }
        for (int bar = 0; bar < rms.length; bar++) {
            if (rms[bar] >= loudest / 4) {
                return bar;
            }
        }
        return 0;
    }

    /** The absolute peak of each of {@code count} equal slices of the file, 0..1. */
    public static float[] peaks(Path audio, int count) throws IOException, InterruptedException {
        // 10 ms peaks first (a few thousand per song), then merged into the slices
        int grain = RATE / 100;
        java.util.List<Float> fine = new java.util.ArrayList<>();
        stream(audio, (index, sample) -> {
            if (index % grain == 0) {
                fine.add(0f);
            }
            int last = fine.size() - 1;
            fine.set(last, Math.max(fine.get(last), Math.min(1, Math.abs(sample))));
        });
        float[] peaks = new float[count];
        for (int i = 0; i < fine.size(); i++) {
            int slice = (int) ((long) i * count / fine.size());
            peaks[slice] = Math.max(peaks[slice], fine.get(i));
        }
        return peaks;
    }

    private interface SampleConsumer {
        void accept(long index, float sample);
    }

    private static void stream(Path audio, SampleConsumer consumer) throws IOException, InterruptedException {
        Path pcm = Files.createTempFile("levels-", ".f32");
        try {
            MediaTools.decodePcm(audio, pcm, RATE, 1);
            try (PcmReader reader = new PcmReader(pcm, 1)) {
                float[][] block = new float[1][4096];
                long index = 0;
                int got;
                while ((got = reader.read(block, 0, block[0].length)) > 0) {
                    for (int i = 0; i < got; i++) {
                        consumer.accept(index++, block[0][i]);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(pcm);
        }
    }
}
