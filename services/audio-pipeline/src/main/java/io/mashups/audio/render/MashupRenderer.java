package io.mashups.audio.render;

import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link MashupPlan} with ffmpeg, in three passes:
 * <ol>
 * <li>fit: the vocal from its entry bar, time-stretched and pitch-shifted (rubberband, formants preserved) and
 * high-passed; each instrumental's stems summed, stretched and shifted. The vocal in parallel with the rest.</li>
 * <li>mix: the instrumentals in their sections, cross-fading (equal power) over a bar where one hands over to the
 * next, with a mid cut that leaves the vocal room, ducked under the vocal by a sidechain compressor; the vocal at
 * its entry with a one-beat fade in and a one-bar fade out after its last phrase; two bars of fade out at the end.</li>
 * <li>master: gain to -14 LUFS integrated, an oversampled limiter for true peaks, then the requested format at
 * 44.1 kHz.</li>
 * </ol>
 */
public final class MashupRenderer {
    public static final double TARGET_LUFS = -14;
    /** Limiter ceiling: a lossy encoder can lift true peaks by about a dB, and the target is at most -1 dBTP. */
    private static final double LIMITER_CEILING_DB = -3;

    /** Inputs: the vocal stem, and for each bed of the plan the stems that make its instrumental. */
    public record Parts(Path vocals, List<List<Path>> instrumentalStems) {}

    private MashupRenderer() {}

    /**
     * Writes the finished mashup to {@code output} (its extension picks the codec: mp3, wav, m4a), and the vocal as
     * it sits in the mashup (same timing, before mastering) to {@code placedVocals}.
     */
    public static Loudness render(
            MashupPlan plan, Parts parts, Path workDir, Path output, Path placedVocals, Runnable stepDone)
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
        List<Path> beds = new ArrayList<>();
        for (int i = 0; i < plan.beds().size(); i++) {
            beds.add(fitInstrumental(
                    plan, i, parts.instrumentalStems().get(i), workDir.resolve("instrumental-" + i + ".wav")));
        }
        vocalPass.join();
        stepDone.run();

        Path mix = workDir.resolve("mix.wav");
        List<String> args = new ArrayList<>();
        for (Path bed : beds) {
            args.addAll(List.of("-i", bed.toString()));
        }
        args.addAll(List.of(
                "-i",
                vocals.toString(),
                "-filter_complex",
                mixGraph(plan, beds.size()),
                "-map",
                "[mix]",
                "-c:a",
                "pcm_f32le",
                mix.toString(),
                "-map",
                "[vocals]",
                "-c:a",
                "flac",
                "-sample_fmt",
                "s16",
                placedVocals.toString()));
        MediaTools.ffmpeg(args);
        stepDone.run();

        Loudness loudness = master(mix, output);
        stepDone.run();
        return loudness;
    }

    private static Path fitInstrumental(MashupPlan plan, int index, List<Path> stems, Path fitted)
            throws IOException, InterruptedException {
        MashupPlan.Bed bed = plan.beds().get(index);
        double needed = plan.sections().stream()
                .filter(s -> s.bed() == index)
                .mapToDouble(MashupPlan.Section::toSec)
                .max()
                .orElse(0);
        double length = (needed + plan.barSec()) * bed.tempo() + 1;
        List<String> args = new ArrayList<>();
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < stems.size(); i++) {
            args.addAll(List.of(
                    "-ss",
                    seconds(bed.startSec()),
                    "-t",
                    seconds(length),
                    "-i",
                    stems.get(i).toString()));
            sum.append('[').append(i).append(":a]");
        }
        args.addAll(List.of(
                "-filter_complex",
                sum + "amix=inputs=" + stems.size() + ":normalize=0," + rubberband(bed.tempo(), bed.semitones()),
                "-c:a",
                "pcm_f32le",
                fitted.toString()));
        MediaTools.ffmpeg(args);
        return fitted;
    }

    /** Inputs 0..beds-1 are the fitted instrumentals, input {@code beds} the fitted vocal. */
    static String mixGraph(MashupPlan plan, int beds) {
        double duration = plan.durationSec();
        double bar = plan.barSec();
        double crossfade = bar;
        StringBuilder graph = new StringBuilder();
        List<MashupPlan.Section> sections = plan.sections();
        for (int b = 0; b < beds; b++) {
            int bed = b;
            long uses = sections.stream().filter(s -> s.bed() == bed).count();
            graph.append(String.format(Locale.ROOT, "[%d:a]asplit=%d", b, uses));
            for (int u = 0; u < uses; u++) {
                graph.append(String.format(Locale.ROOT, "[b%d_%d]", b, u));
            }
            graph.append(';');
        }
        int[] used = new int[beds];
        for (int k = 0; k < sections.size(); k++) {
            MashupPlan.Section section = sections.get(k);
            boolean first = k == 0;
            boolean last = k == sections.size() - 1;
            double from = first ? 0 : section.fromSec() - crossfade / 2;
            double to = last ? duration : section.toSec() + crossfade / 2;
            graph.append(String.format(
                    Locale.ROOT,
                    "[b%d_%d]atrim=start=%s:end=%s,asetpts=PTS-STARTPTS",
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
            graph.append(String.format(Locale.ROOT, ",adelay=%d|%d[s%d];", delay, delay, k));
        }
        for (int k = 0; k < sections.size(); k++) {
            graph.append("[s").append(k).append(']');
        }
        graph.append(String.format(
                Locale.ROOT,
                "amix=inputs=%d:normalize=0:duration=longest,apad,atrim=0:%s,"
                        + "equalizer=f=2500:t=q:w=1:g=-4,equalizer=f=300:t=q:w=1:g=-2[inst];",
                sections.size(),
                seconds(duration)));

        double vocalLength = plan.vocalEndSec() - plan.vocalEntrySec();
        long entryMs = Math.round(plan.vocalEntrySec() * 1000);
        double fadeOut = Math.min(2 * bar, duration / 4);
        graph.append(String.format(
                Locale.ROOT,
                "[%1$d:a]atrim=0:%2$s,afade=t=in:st=0:d=%3$s,afade=t=out:st=%4$s:d=%5$s,adelay=%6$d|%6$d,apad,atrim=0:%7$s,"
                        + "asplit=3[voice][key][stem];"
                        + "[inst][key]sidechaincompress=threshold=0.03:ratio=4:attack=15:release=300:makeup=1[ducked];"
                        + "[ducked][voice]amix=inputs=2:normalize=0:duration=first,afade=t=out:st=%8$s:d=%9$s[mix];"
                        + "[stem]afade=t=out:st=%8$s:d=%9$s[vocals]",
                beds,
                seconds(vocalLength),
                seconds(bar / 4),
                seconds(vocalLength - bar),
                seconds(bar),
                entryMs,
                seconds(duration),
                seconds(duration - fadeOut),
                seconds(fadeOut)));
        return graph.toString();
    }

    /**
     * Gain to the target loudness (measured with ebur128), then a limiter running at four times the sample rate so
     * it catches inter-sample (true) peaks, then the codec. Limiting can take a little loudness away; when the result
     * misses the target by more than half a LU the pass is repeated once with the gain corrected.
     */
    private static Loudness master(Path mix, Path output) throws IOException, InterruptedException {
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

    private static String rubberband(double tempo, int semitones) {
        return String.format(
                Locale.ROOT,
                "rubberband=tempo=%.6f:pitch=%.6f:formant=preserved:transients=crisp",
                tempo,
                Math.pow(2, semitones / 12.0));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.4f", Math.max(0, value));
    }
}
