package io.mashups.captions.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Intelligibility of generated vocals (figures, not a test): for every {@code name.wav} with its lyrics in {@code
 * name.txt} in a folder, the captions engine aligns the lyrics to the vocal and counts the lyric words pocketsphinx
 * heard, in order. Grouped by the name's first part (the style). Usage: IntelligibilityBenchmark folder
 */
public final class IntelligibilityBenchmark {
    private IntelligibilityBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Map<String, int[]> byStyle = new TreeMap<>();
        List<Path> vocals;
        try (Stream<Path> files = Files.list(folder)) {
            vocals = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
        }
        for (Path vocal : vocals) {
            Path lyrics = folder.resolve(vocal.getFileName().toString().replace(".wav", ".txt"));
            if (!Files.exists(lyrics)) {
                continue;
            }
            Path work = Files.createTempDirectory("intelligibility");
            LyricsAligner.Recognition recognition = LyricsAligner.recognise(vocal, Files.readString(lyrics), work);
            long heard = Stream.of(recognition.matched()).filter(w -> w != null).count();
            int total = recognition.lyricWords().size();
            String style = vocal.getFileName().toString().split("-")[0];
            int[] counts = byStyle.computeIfAbsent(style, s -> new int[2]);
            counts[0] += heard;
            counts[1] += total;
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %3d of %3d words recovered in order (%.0f%%)%n",
                    vocal.getFileName(),
                    heard,
                    total,
                    100.0 * heard / total);
        }
        List<String> summary = new ArrayList<>();
        byStyle.forEach((style, counts) -> summary.add(String.format(
                Locale.ROOT,
                "%s: %d of %d words (%.1f%%)",
                style,
                counts[0],
                counts[1],
                100.0 * counts[0] / counts[1])));
        System.out.println("words recovered in order by the captions engine: " + String.join("; ", summary)
                + " (goal 90% for spoken and rap)");
    }
}
