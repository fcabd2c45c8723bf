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
 * Renders a studio project's arrangement with ffmpeg: each clip cut from its source ({@code offset}, {@code duration}
 * at its {@code tempo}), stretched and shifted with rubberband when asked, its gain and its track's volume and pan
 * applied, faded, and placed at its start; the clips summed per stem (a clip of a mashup's drums plays on the drums
 * stem; an upload on other), the four stems summed to the mix, the mix mastered like a generated mashup. Blocking.
 */
public final class ProjectMixdown {
    /** Longest arrangement rendered. */
    public static final double MAX_SECONDS = 15 * 60;
    /** Most clips in one render (each is an input of one ffmpeg run). */
    public static final int MAX_CLIPS = 200;

    /** How a clip plays: times in seconds, gain in dB, pitch in semitones, its track's volume and pan. */
    public record Playing(
            double start,
            double offset,
            double duration,
            double gainDb,
            double pitch,
            double tempo,
            double fadeIn,
            double fadeOut,
            double volume,
            double pan) {}

    /** One clip: the stem it plays on, its audio file, how it plays. */
    public record Clip(Stem stem, Path audio, Playing playing) {}

    /** The mix before mastering, the master, the four stems as placed (FLAC), length, waveform, loudness. */
    public record Output(
            Path premaster, Path master, Map<Stem, Path> stems, double durationSec, float[] peaks, Loudness loudness) {}

    private ProjectMixdown() {}

    public static Output render(List<Clip> clips, Path workDir, String format)
            throws IOException, InterruptedException {
        double length = clips.stream()
                .mapToDouble(c -> c.playing().start() + c.playing().duration())
                .max()
                .orElse(0);
        List<String> args = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        Map<Stem, List<String>> byStem = new EnumMap<>(Stem.class);
        for (int i = 0; i < clips.size(); i++) {
            args.addAll(List.of("-i", clips.get(i).audio().toString()));
            graph.append(chain(i, clips.get(i).playing())).append(';');
            byStem.computeIfAbsent(clips.get(i).stem(), stem -> new ArrayList<>())
                    .add("[c" + i + "]");
        }
        StringBuilder sum = new StringBuilder();
        for (Stem stem : Stem.values()) {
            List<String> labels = byStem.get(stem);
            if (labels == null) {
                graph.append("anullsrc=r=44100:cl=stereo,atrim=0:").append(MashupRenderer.seconds(length));
            } else {
                graph.append(String.join("", labels))
                        .append(String.format(
                                Locale.ROOT,
                                "amix=inputs=%d:normalize=0:duration=longest,apad,atrim=0:%s",
                                labels.size(),
                                MashupRenderer.seconds(length)));
            }
            graph.append(String.format(Locale.ROOT, ",asplit=2[%1$s][sum_%1$s];", stem.wire()));
            sum.append("[sum_").append(stem.wire()).append(']');
        }
        graph.append(sum).append("amix=inputs=4:normalize=0:duration=longest[mix]");
        Path premaster = workDir.resolve("mixdown.wav");
        args.addAll(List.of(
                "-filter_complex", graph.toString(), "-map", "[mix]", "-c:a", "pcm_f32le", premaster.toString()));
        Map<Stem, Path> stems = new EnumMap<>(Stem.class);
        for (Stem stem : Stem.values()) {
            stems.put(stem, workDir.resolve("mixdown-" + stem.wire() + ".flac"));
            args.addAll(List.of(
                    "-map",
                    "[" + stem.wire() + "]",
                    "-c:a",
                    "flac",
                    "-sample_fmt",
                    "s16",
                    stems.get(stem).toString()));
        }
        MediaTools.ffmpeg(args);
        Path master = workDir.resolve("mixdown." + format);
        Loudness loudness = MashupRenderer.master(premaster, master);
        return new Output(
                premaster, master, stems, length, PcmLevels.peaks(master, MashupPipeline.WAVEFORM_PEAKS), loudness);
    }

    /** One clip's filters, input {@code index} to label {@code [c<index>]}. */
    private static String chain(int index, Playing clip) {
        StringBuilder chain = new StringBuilder(String.format(
                Locale.ROOT,
                "[%d:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo,atrim=start=%s:duration=%s,"
                        + "asetpts=PTS-STARTPTS",
                index,
                MashupRenderer.seconds(clip.offset()),
                MashupRenderer.seconds(clip.duration() * clip.tempo())));
        if (clip.tempo() != 1 || clip.pitch() != 0) {
            chain.append(',').append(MashupRenderer.rubberband(clip.tempo(), clip.pitch()));
        }
        chain.append(String.format(Locale.ROOT, ",volume=%.6f", Math.pow(10, clip.gainDb() / 20) * clip.volume()));
        double fadeIn = Math.min(clip.fadeIn(), clip.duration());
        if (fadeIn > 0) {
            chain.append(",afade=t=in:st=0:d=").append(MashupRenderer.seconds(fadeIn));
        }
        double fadeOut = Math.min(clip.fadeOut(), clip.duration());
        if (fadeOut > 0) {
            chain.append(",afade=t=out:st=")
                    .append(MashupRenderer.seconds(clip.duration() - fadeOut))
                    .append(":d=")
                    .append(MashupRenderer.seconds(fadeOut));
        }
        // balance: panned right, the left channel is turned down, and the other way round
        chain.append(String.format(
                Locale.ROOT,
                ",pan=stereo|c0=%.6f*c0|c1=%.6f*c1",
                Math.min(1, 1 - clip.pan()),
                Math.min(1, 1 + clip.pan())));
        long delay = Math.round(clip.start() * 1000);
        chain.append(String.format(Locale.ROOT, ",adelay=%d|%d[c%d]", delay, delay, index));
        return chain.toString();
    }
}
