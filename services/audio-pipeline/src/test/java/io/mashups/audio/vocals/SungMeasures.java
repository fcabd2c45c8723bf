package io.mashups.audio.vocals;

import io.mashups.jobs.JobExecutor;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures a rendered vocal against its plan with aubio's trackers (not the engine's own YIN): the pitch of voiced
 * frames inside each note and the onsets heard, as the issue judges them.
 */
public final class SungMeasures {
    /**
     * @param medianCents      median absolute deviation of voiced frames from their notes, in cents
     * @param syllablesInTune  share of notes whose median pitch is within a semitone of the note
     * @param medianOnsetMs    median distance from each planned onset to the nearest onset heard
     * @param onsetsHeard      share of planned onsets with an onset heard within 100 ms
     * @param durationRatio    the audio's duration over the plan's
     */
    public record Figures(
            double medianCents,
            double syllablesInTune,
            double medianOnsetMs,
            double onsetsHeard,
            double durationRatio) {
        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "pitch MAD %.1f cents, %.1f%% syllables within a semitone, onset error median %.1f ms "
                            + "(%.1f%% heard within 100 ms), duration x%.4f",
                    medianCents,
                    100 * syllablesInTune,
                    medianOnsetMs,
                    100 * onsetsHeard,
                    durationRatio);
        }
    }

    private SungMeasures() {}

    public static Figures measure(Path audio, VocalPlan plan) throws IOException, InterruptedException {
        if (System.getenv("VOCAL_DEBUG") != null) {
            java.nio.file.Files.copy(
                    audio,
                    Path.of("/tmp/vocal-" + plan.notes().size() + ".wav"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        double[][] pitches = pitches(audio);
        List<Double> deviations = new ArrayList<>();
        int inTune = 0;
        for (VocalPlan.Note note : plan.notes()) {
            double from = note.startSec() + 0.2 * note.durationSec();
            double to = note.startSec() + 0.7 * note.durationSec();
            List<Double> cents = new ArrayList<>();
            for (double[] frame : pitches) {
                if (frame[0] >= from && frame[0] <= to && frame[1] > 0) {
                    cents.add(1200 * Math.log(frame[1] / note.hz()) / Math.log(2));
                }
            }
            cents.forEach(c -> deviations.add(Math.abs(c)));
            if (System.getenv("VOCAL_DEBUG") != null) {
                System.out.printf(
                        "%.2f %s target %.1f Hz median %.0f cents (%d frames)%n",
                        note.startSec(),
                        note.syllable().phonemes(),
                        note.hz(),
                        cents.isEmpty() ? Double.NaN : median(cents),
                        cents.size());
            }
            if (!cents.isEmpty() && Math.abs(median(cents)) <= 100) {
                inTune++;
            }
        }
        double[] onsets = onsets(audio);
        List<Double> errors = new ArrayList<>();
        int heard = 0;
        for (VocalPlan.Note note : plan.notes()) {
            double nearest = Arrays.stream(onsets)
                    .map(t -> Math.abs(t - note.startSec()))
                    .min()
                    .orElse(Double.MAX_VALUE);
            errors.add(nearest * 1000);
            heard += nearest <= 0.1 ? 1 : 0;
        }
        double duration = MediaTools.probe(audio).orElseThrow().durationSec();
        return new Figures(
                deviations.isEmpty() ? Double.NaN : median(deviations),
                (double) inTune / plan.notes().size(),
                median(errors),
                (double) heard / plan.notes().size(),
                duration / plan.durationSec());
    }

    /**
     * The vocal's tempo as its onsets give it: each planned onset's nearest onset heard (within 100 ms), against the
     * beat the plan puts it on, fitted by least squares; 60 over the seconds per beat.
     */
    public static double tempoFromOnsets(Path audio, VocalPlan plan) throws IOException, InterruptedException {
        double[] onsets = onsets(audio);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (VocalPlan.Note note : plan.notes()) {
            double nearest = Arrays.stream(onsets)
                    .boxed()
                    .min(java.util.Comparator.comparingDouble(t -> Math.abs(t - note.startSec())))
                    .orElse(Double.NaN);
            if (Math.abs(nearest - note.startSec()) <= 0.1) {
                double beat = note.startSec() / plan.beatSec();
                sx += beat;
                sy += nearest;
                sxx += beat * beat;
                sxy += beat * nearest;
                n++;
            }
        }
        double secondsPerBeat = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return 60 / secondsPerBeat;
    }

    /** aubiopitch's YIN, every 256 samples: rows of (seconds, Hz), 0 Hz where it hears no pitch. */
    static double[][] pitches(Path audio) throws IOException, InterruptedException {
        return rows(tool(List.of(
                "aubiopitch",
                "-p",
                "yin",
                "-l",
                "0.15",
                "-s",
                "-45",
                "-B",
                "1024",
                "-H",
                "256",
                "-i",
                audio.toString())));
    }

    /** aubioonset's default (high-frequency content) onsets, in seconds. */
    static double[] onsets(Path audio) throws IOException, InterruptedException {
        return Arrays.stream(rows(tool(List.of("aubioonset", "-i", audio.toString()))))
                .mapToDouble(row -> row[0])
                .toArray();
    }

    private static String tool(List<String> command) throws IOException, InterruptedException {
        MediaTools.Result result = MediaTools.run(command, 120);
        if (result.exitCode() != 0) {
            throw new IOException(command.get(0) + " failed: " + result.stderr());
        }
        return result.stdout();
    }

    private static double[][] rows(String text) {
        return text.lines()
                .filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.trim().split("\\s+"))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toArray(double[][]::new);
    }

    static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** A job context for rendering outside the job engine. */
    public static JobExecutor.Context context(Path workDir) {
        return new JobExecutor.Context() {
            @Override
            public Path workDir() {
                return workDir;
            }

            @Override
            public void progress(String stage, int percent) {}
        };
    }
}
