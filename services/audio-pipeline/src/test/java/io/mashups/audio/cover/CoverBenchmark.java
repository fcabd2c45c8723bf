package io.mashups.audio.cover;

import io.mashups.media.MediaTools;
import io.mashups.testing.audio.SongSynth;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cover rendering figures (not a test): milliseconds per 1080x1080 cover of each template, drawn and encoded as PNG,
 * next to ffmpeg drawing a plain waveform picture of the same size ({@code showwavespic}) from a 60 s song, in the same
 * run on the same machine. Goal: under 150 ms per cover. Run with {@code services/audio-pipeline/bench/covers.sh}.
 */
public final class CoverBenchmark {
    private static final int WARM_UP = 5;
    private static final int RUNS = 20;

    private CoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        CoverArt art = CoverSamples.art("Midnight City x Blinding Lights (extended club edit)", "DJ Ada Lovelace", 42);
        System.out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
        for (CoverTemplate template : CoverTemplate.values()) {
            for (CoverFormat format : CoverFormat.values()) {
                double[] millis = new double[RUNS];
                for (int i = -WARM_UP; i < RUNS; i++) {
                    long start = System.nanoTime();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    format.write(CoverRenderer.render(art, template, CoverSize.SQUARE), out);
                    if (i >= 0) {
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
                report("cover " + template.wire() + " 1080x1080 " + format.extension, millis);
            }
        }
        Path dir = Files.createTempDirectory("cover-bench");
        Path song = dir.resolve("song.wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(100, 4, true, 24, true, 3)).mix(), song);
        double[] millis = new double[RUNS / 2];
        for (int i = -1; i < millis.length; i++) {
            long start = System.nanoTime();
            MediaTools.ffmpeg(List.of(
                    "-i",
                    song.toString(),
                    "-filter_complex",
                    "showwavespic=s=1080x1080:split_channels=0",
                    "-frames:v",
                    "1",
                    "-y",
                    dir.resolve("wave.png").toString()));
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        report(
                "reference: ffmpeg showwavespic 1080x1080 png from a "
                        + (int) MediaTools.probe(song).orElseThrow().durationSec() + " s song",
                millis);
    }

    private static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-60s median %6.1f ms  p90 %6.1f ms  (n=%d)%n",
                what,
                sorted[sorted.length / 2],
                sorted[(int) Math.ceil(0.9 * sorted.length) - 1],
                sorted.length);
    }
}
