package io.mashups.audio.vocals;

import io.mashups.audio.dsp.Psola;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.media.MediaTools;
import io.mashups.media.WavReader;
import io.mashups.media.WavWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local engine, needing no account: espeak-ng says each syllable (its own phonemes for the word, so it is
 * pronounced as in the word), rubberband stretches or squeezes it to the note's length, and {@link Psola} holds it
 * on the note's pitch (espeak-ng's intonation falls several semitones over a syllable). Spoken lyrics keep espeak-ng's prosody, each
 * line from a downbeat. Festival's singing mode was measured against this and lost (the README says how).
 */
@ApplicationScoped
public class LocalSinger implements VocalEngine {
    public static final String ID = "local";
    static final int SAMPLE_RATE = 22050;
    private static final String LANGUAGE = "en-us";
    /** The smallest syllable worth singing: two pitch frames. */
    private static final int SHORTEST_SYLLABLE = 512;
    /** Syllables between beats are sung softer (-5 dB), the accent that tells where the beat is. */
    private static final float OFF_BEAT_GAIN = 0.55f;

    private static final int THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * A voice: an espeak-ng variant, the range its melodies are placed in, and the range espeak-ng speaks it in
     * (where its pitch is looked for before retuning; looking wider finds octave errors).
     */
    record LocalVoice(
            String name,
            String label,
            String variant,
            VocalRegister register,
            double speechMinHz,
            double speechMaxHz,
            String description) {}

    static final List<LocalVoice> VOICES = List.of(
            new LocalVoice(
                    "soprano", "Soprano", LANGUAGE + "+f2", new VocalRegister(60, 79), 120, 400, "female, C4 to G5"),
            new LocalVoice("alto", "Alto", LANGUAGE + "+f5", new VocalRegister(55, 72), 110, 350, "female, G3 to C5"),
            new LocalVoice("tenor", "Tenor", LANGUAGE + "+m6", new VocalRegister(48, 67), 65, 220, "male, C3 to G4"),
            new LocalVoice(
                    "baritone", "Baritone", LANGUAGE + "+m2", new VocalRegister(43, 62), 60, 200, "male, G2 to D4"));
    public static final String DEFAULT_VOICE = "alto";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<VocalVoice> voices() {
        return VOICES.stream()
                .map(voice -> new VocalVoice(
                        ID + ":" + voice.name(),
                        voice.label(),
                        ID,
                        true,
                        VocalVoice.ALL_STYLES,
                        "espeak-ng with rubberband, " + voice.description()))
                .toList();
    }

    @Override
    public Optional<String> cannotSing(List<String> lines) {
        return Lyrics.nonLatinScript(lines)
                .map(script -> "The local engine sings English; these lyrics have letters in "
                        + script.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " script. Choose a provider's voice for other languages.");
    }

    static Optional<LocalVoice> voice(String name) {
        return VOICES.stream().filter(voice -> voice.name().equals(name)).findFirst();
    }

    @Override
    public Sung sing(VocalTask task, JobExecutor.Context context) throws Exception {
        LocalVoice voice = voice(task.voice()).orElseThrow(() -> new IllegalArgumentException(task.voice()));
        Path workDir = context.workDir();
        context.progress("syllables", 10);
        List<List<Syllable>> lines = new Syllabifier(LANGUAGE).lines(task.lines(), workDir);
        if (lines.isEmpty()) {
            throw new JobFailure("espeak-ng finds nothing to say in the lyrics");
        }
        if (task.style() == VocalStyle.SPOKEN) {
            context.progress("speaking", 20);
            return speak(task, voice, workDir);
        }
        VocalPlan plan = task.style() == VocalStyle.RAP
                ? VocalPlanner.rap(lines, task.bpm(), task.key(), voice.register())
                : VocalPlanner.sing(lines, task.bpm(), task.key(), voice.register(), task.reference(), task.seed());
        context.progress("singing", 20);
        return new Sung(render(plan, voice, workDir), plan);
    }

    /** Sings every note of the plan into one WAV as long as the plan. */
    static Path render(VocalPlan plan, LocalVoice voice, Path workDir) throws IOException, InterruptedException {
        float[] out = new float[(int) Math.ceil(plan.durationSec() * SAMPLE_RATE)];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<float[]>> sung = new ArrayList<>();
            for (int i = 0; i < plan.notes().size(); i++) {
                VocalPlan.Note note = plan.notes().get(i);
                Path dir = Files.createDirectories(workDir.resolve("note-" + i));
                sung.add(pool.submit(() -> note(note, voice, dir)));
            }
            for (int i = 0; i < sung.size(); i++) {
                VocalPlan.Note note = plan.notes().get(i);
                float gain = plan.onBeat(note) ? 1 : OFF_BEAT_GAIN;
                mixAt(out, sung.get(i).get(), (int) Math.round(note.startSec() * SAMPLE_RATE), gain);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return write(normalised(out), workDir.resolve("vocal.wav"));
    }

    /** One syllable on its note, as long as the note less a short breath before the next. */
    private static float[] note(VocalPlan.Note note, LocalVoice voice, Path dir)
            throws IOException, InterruptedException {
        double length = note.durationSec() - Math.min(0.08, Math.max(0.02, 0.12 * note.durationSec()));
        Path said = dir.resolve("said.wav");
        int speed = (int) Math.max(80, Math.min(400, 175 * 0.3 / length));
        espeak(List.of(
                "-v",
                voice.variant(),
                "-s",
                String.valueOf(speed),
                "-w",
                said.toString(),
                "[[" + note.syllable().phonemes() + "]]"));
        float[] syllable = trim(WavReader.mono(said).samples());
        if (syllable.length < SHORTEST_SYLLABLE) {
            return new float[0];
        }
        Path trimmed = write(syllable, dir.resolve("trimmed.wav"));
        Path stretched = dir.resolve("stretched.wav");
        MediaTools.Result result = MediaTools.run(
                List.of("rubberband", "-q", "-D", String.valueOf(length), trimmed.toString(), stretched.toString()),
                60);
        if (result.exitCode() != 0) {
            throw new IOException("rubberband failed: " + MediaTools.lastLine(result.stderr()));
        }
        float[] samples = WavReader.mono(stretched).samples();
        float[] sung = Psola.retune(samples, SAMPLE_RATE, note.hz(), voice.speechMinHz(), voice.speechMaxHz());
        return fade(Arrays.copyOf(sung, Math.min(sung.length, (int) Math.round(length * SAMPLE_RATE))));
    }

    /** Spoken lyrics: each line said naturally, from the first downbeat after the previous line and a beat's rest. */
    private static Sung speak(VocalTask task, LocalVoice voice, Path workDir) throws IOException, InterruptedException {
        double bar = 240 / task.bpm();
        List<float[]> said = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        double t = bar;
        for (int i = 0; i < task.lines().size(); i++) {
            Path text = Files.writeString(
                    workDir.resolve("line-" + i + ".txt"), task.lines().get(i));
            Path wav = workDir.resolve("line-" + i + ".wav");
            espeak(List.of("-v", voice.variant(), "-s", "165", "-w", wav.toString(), "-f", text.toString()));
            float[] line = trim(WavReader.mono(wav).samples());
            said.add(line);
            starts.add(t);
            t = Math.ceil((t + (double) line.length / SAMPLE_RATE + 60 / task.bpm()) / bar - 1e-9) * bar;
        }
        float[] out = new float[(int) Math.ceil(t * SAMPLE_RATE)];
        for (int i = 0; i < said.size(); i++) {
            mixAt(out, fade(said.get(i)), (int) Math.round(starts.get(i) * SAMPLE_RATE), 1);
        }
        return new Sung(write(normalised(out), workDir.resolve("vocal.wav")), null);
    }

    private static void espeak(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("espeak-ng"));
        command.addAll(arguments);
        MediaTools.Result result = MediaTools.run(command, 60);
        if (result.exitCode() != 0) {
            throw new IOException("espeak-ng failed: " + MediaTools.lastLine(result.stderr()));
        }
    }

    /** Without the silence espeak-ng puts around speech (below 2% of the peak, in 5 ms windows). */
    static float[] trim(float[] samples) {
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        int window = SAMPLE_RATE / 200;
        int first = 0;
        while (first + window < samples.length && maxAbs(samples, first, window) < 0.02f * peak) {
            first += window;
        }
        int last = samples.length;
        while (last - window > first && maxAbs(samples, last - window, window) < 0.02f * peak) {
            last -= window;
        }
        return Arrays.copyOfRange(samples, first, last);
    }

    private static float maxAbs(float[] samples, int from, int length) {
        float max = 0;
        for (int i = from; i < from + length; i++) {
            max = Math.max(max, Math.abs(samples[i]));
        }
        return max;
    }

    /** 5 ms ramps at both ends, so no syllable clicks. */
    private static float[] fade(float[] samples) {
        int ramp = Math.min(samples.length / 2, SAMPLE_RATE / 200);
        for (int i = 0; i < ramp; i++) {
            float gain = (float) i / ramp;
            samples[i] *= gain;
            samples[samples.length - 1 - i] *= gain;
        }
        return samples;
    }

    /** Peaks at -1 dBFS. */
    private static float[] normalised(float[] samples) {
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        if (peak > 0) {
            float gain = 0.89f / peak;
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= gain;
            }
        }
        return samples;
    }

    private static void mixAt(float[] out, float[] part, int at, float gain) {
        for (int i = 0; i < part.length && at + i < out.length; i++) {
            out[at + i] += gain * part[i];
        }
    }

    private static Path write(float[] samples, Path file) throws IOException {
        try (WavWriter writer = new WavWriter(file, 1, SAMPLE_RATE)) {
            writer.write(new float[][] {samples}, 0, samples.length);
        }
        return file;
    }
}
