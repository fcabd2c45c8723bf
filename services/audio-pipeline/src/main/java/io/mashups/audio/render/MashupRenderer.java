package io.mashups.audio.render;

import io.mashups.audio.stems.Stem;
import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link MashupPlan} with ffmpeg, in three passes:
 * <ol>
 * <li>fit: the vocal from its entry bar, time-stretched and pitch-shifted (rubberband, formants preserved) and
 * high-passed; each instrumental's drums, bass and other stretched and shifted alike. The vocal in parallel with the
 * rest.</li>
 * <li>mix: the instrumentals in their sections, cross-fading (equal power) over a bar where one hands over to the
 * next, with a mid cut that leaves the vocal room, ducked under the vocal by a sidechain compressor; the vocal at
 * its entry with a one-beat fade in and a one-bar fade out after its last phrase; two bars of fade out at the end.
 * Each stem goes through this on its own and the mix is their sum: every step is linear in the signal it shapes (the
 * compressor's gain follows only the vocal it listens to), so the four placed stems add up to the mix.</li>
 * <li>master: gain to -14 LUFS integrated, an oversampled limiter for true peaks, then the requested format at
 * 44.1 kHz.</li>
 * </ol>
 */
public final class MashupRenderer {
    public static final double TARGET_LUFS = -14;
    /** Limiter ceiling: a lossy encoder can lift true peaks by about a dB, and the target is at most -1 dBTP. */
    private static final double LIMITER_CEILING_DB = -3;

    /** The stems of a bed, in the mix's order. */
    public static final List<Stem> BED_STEMS = List.of(Stem.DRUMS, Stem.BASS, Stem.OTHER);

    /** Inputs: the vocal stem, and for each bed of the plan its stems in the order of {@link #BED_STEMS}. */
    public record Parts(Path vocals, List<List<Path>> instrumentalStems) {}

    /**
     * What a render leaves: the loudness of the master, the mix before mastering, and each stem as it sits in the mix
     * (same timing and processing, before mastering; 16-bit FLAC).
     */
    public record Rendered(Loudness loudness, Path premaster, Map<Stem, Path> placedStems) {}

    private MashupRenderer() {}

    /** Writes the finished mashup to {@code output} (its extension picks the codec: mp3, wav, m4a). */
    public static Rendered render(MashupPlan plan, Parts parts, Path workDir, Path output, Runnable stepDone)
            throws IOException, InterruptedException {
        Path vocals = workDir.resolve("vocals-fitted.wav");
        double vocalLength = (plan.vocalEndSec() - plan.vocalEntrySec()) * plan.vocalTempo() + 1;
        Background<Void> vocalPass = Background.start(() -> {
            MediaTools.ffmpeg(List.of(
                    "-ss",
                    seconds(plan.vocalStartSec()),
                    "-t",
                    seconds(vocalLength),
                    "-i",
                    parts.vocals().toString(),
                    "-af",
                    rubberband(plan.vocalTempo(), plan.vocalSemitones()) + ",highpass=f=140",
                    "-c:a",
                    "pcm_f32le",
                    vocals.toString()));
            return null;
        });
        List<String> args = new ArrayList<>();
        for (int i = 0; i < plan.beds().size(); i++) {
            for (Path fitted :
                    fitInstrumental(plan, i, parts.instrumentalStems().get(i), workDir)) {
                args.addAll(List.of("-i", fitted.toString()));
            }
        }
        vocalPass.join();
        stepDone.run();

        Path mix = workDir.resolve("mix.wav");
        Map<Stem, Path> placed = new EnumMap<>(Stem.class);
        args.addAll(List.of(
                "-i",
                vocals.toString(),
                "-filter_complex",
                mixGraph(plan, plan.beds().size()),
                "-map",
                "[mix]"));
        args.addAll(List.of("-c:a", "pcm_f32le", mix.toString()));
        for (Stem stem : Stem.values()) {
            String name = stem.name().toLowerCase(Locale.ROOT);
            placed.put(stem, workDir.resolve("placed-" + name + ".flac"));
            args.addAll(List.of(
                    "-map",
                    "[" + name + "]",
                    "-c:a",
                    "flac",
                    "-sample_fmt",
                    "s16",
                    placed.get(stem).toString()));
        }
        MediaTools.ffmpeg(args);
        stepDone.run();

        Loudness loudness = master(mix, output);
        stepDone.run();
        return new Rendered(loudness, mix, placed);
    }

    /** The bed's stems, each cut, stretched and shifted alike in one ffmpeg run; in the order of {@link #BED_STEMS}. */
    private static List<Path> fitInstrumental(MashupPlan plan, int index, List<Path> stems, Path workDir)
            throws IOException, InterruptedException {
        MashupPlan.Bed bed = plan.beds().get(index);
        double needed = plan.sections().stream()
                .filter(s -> s.bed() == index)
                .mapToDouble(MashupPlan.Section::toSec)
                .max()
                .orElse(0);
        double length = (needed + plan.barSec()) * bed.tempo() + 1;
        List<String> args = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < stems.size(); i++) {
            args.addAll(List.of(
                    "-ss",
                    seconds(bed.startSec()),
                    "-t",
                    seconds(length),
                    "-i",
                    stems.get(i).toString()));
            graph.append(
                    String.format(Locale.ROOT, "[%d:a]%s[fit%d];", i, rubberband(bed.tempo(), bed.semitones()), i));
        }
        args.addAll(List.of("-filter_complex", graph.substring(0, graph.length() - 1)));
        List<Path> fitted = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            Path file = workDir.resolve(
                    "instrumental-" + index + "-" + BED_STEMS.get(i).name().toLowerCase(Locale.ROOT) + ".wav");
            args.addAll(List.of("-map", "[fit" + i + "]", "-c:a", "pcm_f32le", file.toString()));
            fitted.add(file);
        }
        MediaTools.ffmpeg(args);
        return fitted;
    }

    /**
     * Input {@code 3b + s} is bed b's stem s (in the order of {@link #BED_STEMS}), input {@code 3 beds} the fitted
     * vocal. Outputs {@code [mix]} and each placed stem, {@code [vocals]}, {@code [drums]}, {@code [bass]} and
     * {@code [other]}: the instrumental's stems each go through the same sections, fades, EQ and ducking.
     */
    static String mixGraph(MashupPlan plan, int beds) {
        double duration = plan.durationSec();
        double bar = plan.barSec();
        int layers = BED_STEMS.size();
        StringBuilder graph = new StringBuilder();
        for (int layer = 0; layer < layers; layer++) {
            sections(graph, plan, beds, layer);
        }

        double vocalLength = plan.vocalEndSec() - plan.vocalEntrySec();
        long entryMs = Math.round(plan.vocalEntrySec() * 1000);
        double fadeOut = Math.min(2 * bar, duration / 4);
        String endFade =
                String.format(Locale.ROOT, "afade=t=out:st=%s:d=%s", seconds(duration - fadeOut), seconds(fadeOut));
        graph.append(String.format(
                Locale.ROOT,
                "[%1$d:a]atrim=0:%2$s,afade=t=in:st=0:d=%3$s,afade=t=out:st=%4$s:d=%5$s,adelay=%6$d|%6$d,apad,atrim=0:%7$s,"
                        + "asplit=%8$d[voice][vocalstem]",
                beds * layers,
                seconds(vocalLength),
                seconds(bar / 4),
                seconds(vocalLength - bar),
                seconds(bar),
                entryMs,
                seconds(duration),
                2 + layers));
        for (int layer = 0; layer < layers; layer++) {
            graph.append("[key").append(layer).append(']');
        }
        graph.append(';');
        StringBuilder sum = new StringBuilder();
        for (int layer = 0; layer < layers; layer++) {
            String name = BED_STEMS.get(layer).name().toLowerCase(Locale.ROOT);
            // the compressor stops at the first end of either input and drops what the other still holds (up to
            // 0.1 s, in the end fade): padded back, so every stem, the mix and the master last exactly the duration
            graph.append(String.format(
                    Locale.ROOT,
                    "[inst%1$d][key%1$d]sidechaincompress=threshold=0.03:ratio=4:attack=15:release=300:makeup=1,"
                            + "apad,atrim=0:%4$s,asplit=2[ducked%1$d][layer%1$d];[layer%1$d]%2$s[%3$s];",
                    layer,
                    endFade,
                    name,
                    seconds(duration)));
            sum.append("[ducked").append(layer).append(']');
        }
        graph.append(String.format(
                Locale.ROOT,
                "%s[voice]amix=inputs=%d:normalize=0:duration=first,apad,atrim=0:%s,%s[mix];[vocalstem]%s[vocals]",
                sum,
                layers + 1,
                seconds(duration),
                endFade,
                endFade));
        return graph.toString();
    }

    /**
     * One stem of the instrumental ({@code layer}) through the plan's sections: each bed's turn, cross-fading (equal
     * power) over a bar into the next, then the mid cut; labelled {@code [inst<layer>]}.
     */
    private static void sections(StringBuilder graph, MashupPlan plan, int beds, int layer) {
        double crossfade = plan.barSec();
        List<MashupPlan.Section> sections = plan.sections();
        for (int b = 0; b < beds; b++) {
            int bed = b;
            long uses = sections.stream().filter(s -> s.bed() == bed).count();
            graph.append(String.format(Locale.ROOT, "[%d:a]asplit=%d", b * BED_STEMS.size() + layer, uses));
            for (int u = 0; u < uses; u++) {
                graph.append(String.format(Locale.ROOT, "[b%d_%d_%d]", layer, b, u));
            }
            graph.append(';');
        }
        int[] used = new int[beds];
        for (int k = 0; k < sections.size(); k++) {
            MashupPlan.Section section = sections.get(k);
            boolean first = k == 0;
            boolean last = k == sections.size() - 1;
            double from = first ? 0 : section.fromSec() - crossfade / 2;
            double to = last ? plan.durationSec() : section.toSec() + crossfade / 2;
            graph.append(String.format(
                    Locale.ROOT,
                    "[b%d_%d_%d]atrim=start=%s:end=%s,asetpts=PTS-STARTPTS",
                    layer,
                    section.bed(),
                    used[section.bed()]++,
                    seconds(from),
                    seconds(to)));
            if (!first) {
                graph.append(String.format(Locale.ROOT, ",afade=t=in:st=0:d=%s:curve=qsin", seconds(crossfade)));
            }
            if (!last) {
                graph.append(String.format(
                        Locale.ROOT,
                        ",afade=t=out:st=%s:d=%s:curve=qsin",
                        seconds(to - from - crossfade),
                        seconds(crossfade)));
            }
            long delay = Math.round(from * 1000);
            graph.append(String.format(Locale.ROOT, ",adelay=%d|%d[s%d_%d];", delay, delay, layer, k));
        }
        for (int k = 0; k < sections.size(); k++) {
            graph.append("[s").append(layer).append('_').append(k).append(']');
        }
        graph.append(String.format(
                Locale.ROOT,
                "amix=inputs=%d:normalize=0:duration=longest,apad,atrim=0:%s,"
                        + "equalizer=f=2500:t=q:w=1:g=-4,equalizer=f=300:t=q:w=1:g=-2[inst%d];",
                sections.size(),
                seconds(plan.durationSec()),
                layer));
    }

    /**
     * Gain to the target loudness (measured with ebur128), then a limiter running at four times the sample rate so
     * it catches inter-sample (true) peaks, then the codec. Limiting can take a little loudness away; when the result
     * misses the target by more than half a LU the pass is repeated once with the gain corrected. The limiter's 2 ms
     * look-ahead delays the master against the stems: ffmpeg 5.1's {@code latency=1} compensation changes the audio
     * so much that Content ID no longer finds the sources in it (AttributionFlowIT), so the delay stays.
     */
    static Loudness master(Path mix, Path output) throws IOException, InterruptedException {
        Loudness measured = MediaTools.loudness(mix);
        if (Double.isInfinite(measured.integratedLufs())) {
            throw new IOException("the mix is silent");
        }
        double gain = TARGET_LUFS - measured.integratedLufs();
        Loudness result = encode(mix, output, gain);
        if (Math.abs(result.integratedLufs() - TARGET_LUFS) > 0.5) {
            result = encode(mix, output, gain + TARGET_LUFS - result.integratedLufs());
        }
        return result;
    }

    private static Loudness encode(Path mix, Path output, double gainDb) throws IOException, InterruptedException {
        String name = output.getFileName().toString();
        List<String> codec = switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "mp3" -> List.of("-c:a", "libmp3lame", "-b:a", "192k");
            case "m4a" -> List.of("-c:a", "aac", "-b:a", "192k");
            default -> List.of("-c:a", "pcm_s16le");
        };
        String chain = String.format(
                Locale.ROOT,
                "volume=%.2fdB,aresample=176400,alimiter=limit=%.4f:level=disabled:attack=2:release=60:asc=1,aresample=44100",
                gainDb,
                Math.pow(10, LIMITER_CEILING_DB / 20));
        List<String> args = new ArrayList<>(List.of("-i", mix.toString(), "-af", chain));
        args.addAll(codec);
        args.add(output.toString());
        MediaTools.ffmpeg(args);
        return MediaTools.loudness(output);
    }

    static String rubberband(double tempo, double semitones) {
        return String.format(
                Locale.ROOT,
                "rubberband=tempo=%.6f:pitch=%.6f:formant=preserved:transients=crisp",
                tempo,
                Math.pow(2, semitones / 12.0));
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.4f", Math.max(0, value));
    }
}
