package io.mashups.audio.render;

import io.mashups.audio.media.Loudness;
import io.mashups.audio.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link MashupPlan} with ffmpeg, in three passes:
 * <ol>
 * <li>vocals: from the entry bar, time-stretched and pitch-shifted (rubberband, formants preserved), high-passed;
 * the instrumental stems summed, stretched and shifted. Both in parallel.</li>
 * <li>mix: the instrumental from its first downbeat with a mid cut that leaves the vocal room, ducked under the
 * vocal by a sidechain compressor; the vocal delayed to its entry with a one-beat fade in; both fade out over the
 * last two bars.</li>
 * <li>master: gain to -14 LUFS integrated, an oversampled limiter for true peaks, then the requested format at
 * 44.1 kHz.</li>
 * </ol>
 */
public final class MashupRenderer {
    public static final double TARGET_LUFS = -14;
    /** Limiter ceiling: a lossy encoder can lift true peaks by about a dB, and the target is at most -1 dBTP. */
    private static final double LIMITER_CEILING_DB = -3;

    /** Inputs: the vocal stem of one song and the instrumental stems of the other. */
    public record Parts(Path vocals, List<Path> instrumentalStems) {
    }

    private MashupRenderer() {
    }

    /**
     * Writes the finished mashup to {@code output} (its extension picks the codec: mp3, wav, m4a), and the vocal as
     * it sits in the mashup (same timing, before mastering) to {@code placedVocals}.
     */
    public static Loudness render(MashupPlan plan, Parts parts, Path workDir, Path output, Path placedVocals, Runnable stepDone)
            throws IOException, InterruptedException {
        Path vocals = workDir.resolve("vocals-fitted.wav");
        Path instrumental = workDir.resolve("instrumental-fitted.wav");
        double vocalLength = (plan.durationSec() - plan.vocalEntrySec()) * plan.vocalTempo() + 1;
        double instrumentalLength = plan.durationSec() * plan.instrumentalTempo() + 1;
        Background<Void> vocalPass = Background.start(() -> {
            MediaTools.ffmpeg(List.of("-ss", seconds(plan.vocalStartSec()), "-t", seconds(vocalLength), "-i",
                    parts.vocals().toString(), "-af", rubberband(plan.vocalTempo(), plan.vocalSemitones()) + ",highpass=f=140",
                    "-c:a", "pcm_f32le", vocals.toString()));
            return null;
        });
        List<String> instrumentalArgs = new java.util.ArrayList<>();
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < parts.instrumentalStems().size(); i++) {
            instrumentalArgs.addAll(List.of("-ss", seconds(plan.instrumentalStartSec()), "-t", seconds(instrumentalLength),
                    "-i", parts.instrumentalStems().get(i).toString()));
            sum.append('[').append(i).append(":a]");
        }
        instrumentalArgs.addAll(List.of("-filter_complex", sum + "amix=inputs=" + parts.instrumentalStems().size()
                + ":normalize=0," + rubberband(plan.instrumentalTempo(), plan.instrumentalSemitones()),
                "-c:a", "pcm_f32le", instrumental.toString()));
        MediaTools.ffmpeg(instrumentalArgs);
        vocalPass.join();
        stepDone.run();

        Path mix = workDir.resolve("mix.wav");
        double duration = plan.durationSec();
        double beat = plan.barSec() / 4;
        double fadeOut = Math.min(2 * plan.barSec(), duration / 4);
        long entryMs = Math.round(plan.vocalEntrySec() * 1000);
        String graph = String.format(Locale.ROOT,
                "[0:a]atrim=0:%1$s,asetpts=PTS-STARTPTS,equalizer=f=2500:t=q:w=1:g=-4,equalizer=f=300:t=q:w=1:g=-2[inst];"
                        + "[1:a]afade=t=in:st=0:d=%2$s,adelay=%3$d|%3$d,apad,atrim=0:%1$s,asplit=3[voice][key][stem];"
                        + "[inst][key]sidechaincompress=threshold=0.03:ratio=4:attack=15:release=300:makeup=1[ducked];"
                        + "[ducked][voice]amix=inputs=2:normalize=0:duration=first,afade=t=out:st=%4$s:d=%5$s[mix];"
                        + "[stem]afade=t=out:st=%4$s:d=%5$s[vocals]",
                seconds(duration), seconds(beat), entryMs, seconds(duration - fadeOut), seconds(fadeOut));
        MediaTools.ffmpeg(List.of("-i", instrumental.toString(), "-i", vocals.toString(), "-filter_complex", graph,
                "-map", "[mix]", "-c:a", "pcm_f32le", mix.toString(), "-map", "[vocals]", "-c:a", "flac", "-sample_fmt", "s16",
                placedVocals.toString()));
        stepDone.run();

        Loudness loudness = master(mix, output);
        stepDone.run();
        return loudness;
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
        String chain = String.format(Locale.ROOT,
                "volume=%.2fdB,aresample=176400,alimiter=limit=%.4f:level=disabled:attack=2:release=60:asc=1,aresample=44100",
                gainDb, Math.pow(10, LIMITER_CEILING_DB / 20));
        List<String> args = new java.util.ArrayList<>(List.of("-i", mix.toString(), "-af", chain));
        args.addAll(codec);
        args.add(output.toString());
        MediaTools.ffmpeg(args);
        return MediaTools.loudness(output);
    }

    private static String rubberband(double tempo, int semitones) {
        return String.format(Locale.ROOT, "rubberband=tempo=%.6f:pitch=%.6f:formant=preserved:transients=crisp",
                tempo, Math.pow(2, semitones / 12.0));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.4f", Math.max(0, value));
    }

}
