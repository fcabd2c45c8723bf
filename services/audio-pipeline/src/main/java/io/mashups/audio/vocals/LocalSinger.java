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
 * The local engine, needing no account. Singing: espeak-ng says each syllable (its own phonemes for the word, so it is
 * pronounced as in the word), rubberband stretches or squeezes it to the note's length, and {@link Psola} holds it on
 * the note's pitch (espeak-ng's intonation falls several semitones over a syllable). Rap and spoken lyrics: flite's
 * voices say each line whole, which a listener (and the captions engine's recogniser: 94-99% of words against
 * espeak-ng's 57% on the same lines) follows far better. A rapped line is said on its notes' pitches in a monotone and
 * every syllable's vowel is moved onto its note by rubberband's time map ({@link #rapLine}); a spoken one keeps
 * flite's prosody, each line from a downbeat. Festival's singing mode was measured against this and lost (the README says how).
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
     * (where its pitch is looked for before retuning; looking wider finds octave errors); the flite voice that raps
     * and speaks for it (one of its statistical voices, which take the pitch they are asked for; its diphone voices
     * keep their own), and the mean pitch flite is asked to speak at.
     */
    record LocalVoice(
            String name,
            String label,
            String variant,
            VocalRegister register,
            double speechMinHz,
            double speechMaxHz,
            String speaker,
            double speakingHz,
            String description) {
        /** Where raps are placed: around the pitch the voice speaks at, as rappers rap, not up in its singing range. */
        VocalRegister rapRegister() {
            int speakingMidi = (int) Math.round(69 + 12 * Math.log(speakingHz / 440) / Math.log(2));
            return new VocalRegister(speakingMidi - 5, speakingMidi + 7);
        }
    }

    static final List<LocalVoice> VOICES = List.of(
            new LocalVoice(
                    "soprano",
                    "Soprano",
                    LANGUAGE + "+f2",
                    new VocalRegister(60, 79),
                    120,
                    400,
                    "slt",
                    220,
                    "female, C4 to G5"),
            new LocalVoice(
                    "alto",
                    "Alto",
                    LANGUAGE + "+f5",
                    new VocalRegister(55, 72),
                    110,
                    350,
                    "slt",
                    175,
                    "female, G3 to C5"),
            new LocalVoice(
                    "tenor",
                    "Tenor",
                    LANGUAGE + "+m6",
                    new VocalRegister(48, 67),
                    65,
                    220,
                    "awb",
                    135,
                    "male, C3 to G4"),
            new LocalVoice(
                    "baritone",
                    "Baritone",
                    LANGUAGE + "+m2",
                    new VocalRegister(43, 62),
                    60,
                    200,
                    "awb",
                    105,
                    "male, G2 to D4"));
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
                        "espeak-ng (singing) and flite (rap, speech) with rubberband, " + voice.description()))
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
        Syllabifier syllabifier = new Syllabifier(LANGUAGE);
        List<String> said = new ArrayList<>();
        List<List<Syllable>> lines = new ArrayList<>();
        for (String line : task.lines()) {
            for (List<Syllable> syllables : syllabifier.lines(List.of(line), workDir)) {
                said.add(line);
                lines.add(syllables);
            }
        }
        if (lines.isEmpty()) {
            throw new JobFailure("espeak-ng finds nothing to say in the lyrics");
        }
        if (task.style() == VocalStyle.SPOKEN) {
            context.progress("speaking", 20);
            return speak(said, task.bpm(), voice, workDir);
        }
        if (task.style() == VocalStyle.RAP) {
            VocalPlan plan = VocalPlanner.rap(lines, task.bpm(), task.key(), voice.rapRegister());
            context.progress("rapping", 20);
            return new Sung(rap(plan, said, lines, voice, workDir), plan);
        }
        VocalPlan plan =
                VocalPlanner.sing(lines, task.bpm(), task.key(), voice.register(), task.reference(), task.seed());
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
        double length = note.durationSec() - breath(note);
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
        rubberband(List.of("-D", String.valueOf(length), trimmed.toString(), stretched.toString()));
        float[] samples = WavReader.mono(stretched).samples();
        float[] sung = Psola.retune(samples, SAMPLE_RATE, note.hz(), voice.speechMinHz(), voice.speechMaxHz());
        return fade(Arrays.copyOf(sung, Math.min(sung.length, (int) Math.round(length * SAMPLE_RATE))));
    }

    /** The rest a note leaves before the next: a short breath. */
    private static double breath(VocalPlan.Note note) {
        return Math.min(0.08, Math.max(0.02, 0.12 * note.durationSec()));
    }

    /** Raps every line of the plan ({@link #rapLine}) into one WAV as long as the plan. */
    static Path rap(VocalPlan plan, List<String> said, List<List<Syllable>> lines, LocalVoice voice, Path workDir)
            throws IOException, InterruptedException {
        float[] out = new float[(int) Math.ceil(plan.durationSec() * SAMPLE_RATE)];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<float[]>> rapped = new ArrayList<>();
            List<List<VocalPlan.Note>> notesOfLines = new ArrayList<>();
            int first = 0;
            for (int i = 0; i < lines.size(); i++) {
                List<VocalPlan.Note> notes =
                        plan.notes().subList(first, first + lines.get(i).size());
                first += notes.size();
                notesOfLines.add(notes);
                String text = said.get(i);
                Path dir = Files.createDirectories(workDir.resolve("line-" + i));
                rapped.add(pool.submit(() -> rapLine(plan, text, notes, voice, dir)));
            }
            for (int i = 0; i < rapped.size(); i++) {
                int at = (int) Math.round(notesOfLines.get(i).get(0).startSec() * SAMPLE_RATE);
                mixAt(out, rapped.get(i).get(), at, 1);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return write(normalised(out), workDir.resolve("vocal.wav"));
    }

    /**
     * One line on its notes, from its first note's start to its last note's end less a breath. flite says the line once
     * on each pitch its notes have, in a monotone (its pitch model's spread set to 0: within 2% of the pitch asked
     * for); flite's durations do not depend on the pitch, so the renditions line up sample for sample and each syllable
     * is taken from the one on its note, from its vowel's start as flite timed it ({@link SpokenSyllables}).
     * rubberband's time map then puts every syllable's vowel on its note's start. Holding flite's natural speech on the
     * notes with {@link Psola} cost the captions engine's recogniser a fifth of the words; mapping only the syllables
     * on the beat (the others following in proportion) left onsets up to 48 ms off the sixteenths, against 32 ms.
     */
    private static float[] rapLine(VocalPlan plan, String text, List<VocalPlan.Note> notes, LocalVoice voice, Path dir)
            throws IOException, InterruptedException {
        List<Double> pitches = notes.stream().map(VocalPlan.Note::hz).distinct().toList();
        List<float[]> renditions = new ArrayList<>();
        List<SpokenSyllables.Phone> phones = List.of();
        for (int p = 0; p < pitches.size(); p++) {
            Said said = say(
                    text, voice.speaker(), pitches.get(p), true, Files.createDirectories(dir.resolve("pitch-" + p)));
            renditions.add(said.samples());
            if (p == 0) {
                phones = said.phones();
            }
        }
        int[] speech = speechBounds(renditions.get(0));
        for (float[] rendition : renditions) {
            speech[1] = Math.min(speech[1], rendition.length);
        }
        if (speech[1] - speech[0] < SHORTEST_SYLLABLE * notes.size()) {
            return new float[0]; // nothing heard to place: the line stays silent rather than be made up
        }
        int[] from = SpokenSyllables.starts(phones, notes.size(), SAMPLE_RATE, speech[0], speech[1] - speech[0]);
        float[] spliced = new float[speech[1] - speech[0]];
        int ramp = SAMPLE_RATE / 200;
        for (int i = 0; i < spliced.length; i++) {
            int note = noteAt(from, i);
            float sample = renditions.get(pitches.indexOf(notes.get(note).hz()))[speech[0] + i];
            if (note > 0 && i < from[note] + ramp) {
                float before =
                        renditions.get(pitches.indexOf(notes.get(note - 1).hz()))[speech[0] + i];
                float into = (float) (i - from[note]) / ramp;
                sample = before + (sample - before) * into;
            }
            spliced[i] = sample;
        }
        double lineStart = notes.get(0).startSec();
        VocalPlan.Note last = notes.get(notes.size() - 1);
        int length = (int) Math.round((last.endSec() - breath(last) - lineStart) * SAMPLE_RATE);
        int[] to = new int[notes.size()];
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < notes.size(); i++) {
            to[i] = (int) Math.round((notes.get(i).startSec() - lineStart) * SAMPLE_RATE);
            if (i > 0) {
                map.append(from[i]).append(' ').append(to[i]).append('\n');
            }
        }
        Path timeMap = Files.writeString(dir.resolve("beats.map"), map.toString());
        Path source = write(spliced, dir.resolve("said.wav"));
        Path moved = dir.resolve("moved.wav");
        rubberband(List.of(
                "-D",
                String.valueOf((double) length / SAMPLE_RATE),
                "--timemap",
                timeMap.toString(),
                source.toString(),
                moved.toString()));
        float[] onTime = Arrays.copyOf(WavReader.mono(moved).samples(), length);
        float[] gains = new float[notes.size()];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = plan.onBeat(notes.get(i)) ? 1 : OFF_BEAT_GAIN;
        }
        return fade(accented(onTime, to, gains));
    }

    /** The index of the note sounding at {@code position}, given the notes' starts in order. */
    private static int noteAt(int[] starts, int position) {
        int note = 0;
        while (note + 1 < starts.length && starts[note + 1] <= position) {
            note++;
        }
        return note;
    }

    /** Each note's stretch at its gain, with 5 ms ramps between notes. */
    private static float[] accented(float[] samples, int[] starts, float[] gains) {
        int ramp = SAMPLE_RATE / 200;
        for (int i = 0; i < samples.length; i++) {
            int note = noteAt(starts, i);
            float gain = gains[note];
            if (note > 0 && i < starts[note] + ramp) {
                float into = (float) (i - starts[note]) / ramp;
                gain = gains[note - 1] + (gains[note] - gains[note - 1]) * into;
            }
            samples[i] *= gain;
        }
        return samples;
    }

    /** Spoken lyrics: each line said naturally, from the first downbeat after the previous line and a beat's rest. */
    private static Sung speak(List<String> lines, double bpm, LocalVoice voice, Path workDir)
            throws IOException, InterruptedException {
        double bar = 240 / bpm;
        List<float[]> said = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        double t = bar;
        for (int i = 0; i < lines.size(); i++) {
            float[] line = trim(say(
                            lines.get(i),
                            voice.speaker(),
                            voice.speakingHz(),
                            false,
                            Files.createDirectories(workDir.resolve("line-" + i)))
                    .samples());
            said.add(line);
            starts.add(t);
            t = Math.ceil((t + (double) line.length / SAMPLE_RATE + 60 / bpm) / bar - 1e-9) * bar;
        }
        float[] out = new float[(int) Math.ceil(t * SAMPLE_RATE)];
        for (int i = 0; i < said.size(); i++) {
            mixAt(out, fade(said.get(i)), (int) Math.round(starts.get(i) * SAMPLE_RATE), 1);
        }
        return new Sung(write(normalised(out), workDir.resolve("vocal.wav")), null);
    }

    /**
     * A line said by a flite {@code speaker} around {@code hz} (on it, in a {@code monotone}), at the engine's rate,
     * with the silence flite leaves around it.
     */
    private static Said say(String line, String speaker, double hz, boolean monotone, Path dir)
            throws IOException, InterruptedException {
        Path text = Files.writeString(dir.resolve("line.txt"), line);
        Path spoken = dir.resolve("flite.wav");
        List<String> command =
                new ArrayList<>(List.of("flite", "-voice", speaker, "--setf", "int_f0_target_mean=" + hz));
        if (monotone) {
            command.addAll(List.of("--setf", "int_f0_target_stddev=0"));
        }
        command.addAll(List.of("-psdur", "-f", text.toString(), "-o", spoken.toString()));
        MediaTools.Result result = MediaTools.run(command, 60);
        if (result.exitCode() != 0) {
            throw new IOException("flite failed: " + MediaTools.lastLine(result.stderr() + result.stdout()));
        }
        Path resampled = dir.resolve("said-" + SAMPLE_RATE + ".wav");
        MediaTools.ffmpeg(
                List.of("-i", spoken.toString(), "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), resampled.toString()));
        return new Said(WavReader.mono(resampled).samples(), SpokenSyllables.parse(result.stdout()));
    }

    /** What flite said, at the engine's rate, and its phones with their end times. */
    private record Said(float[] samples, List<SpokenSyllables.Phone> phones) {}

    private static void rubberband(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rubberband", "-q"));
        command.addAll(arguments);
        MediaTools.Result result = MediaTools.run(command, 60);
        if (result.exitCode() != 0) {
            throw new IOException("rubberband failed: " + MediaTools.lastLine(result.stderr()));
        }
    }

    private static void espeak(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("espeak-ng"));
        command.addAll(arguments);
        MediaTools.Result result = MediaTools.run(command, 60);
        if (result.exitCode() != 0) {
            throw new IOException("espeak-ng failed: " + MediaTools.lastLine(result.stderr()));
        }
    }

    /** Without the silence a synthesiser puts around speech. */
    static float[] trim(float[] samples) {
        int[] speech = speechBounds(samples);
        return Arrays.copyOfRange(samples, speech[0], speech[1]);
    }

    /** Where speech begins and ends: the first and last 5 ms windows reaching 2% of the peak. */
    private static int[] speechBounds(float[] samples) {
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
        return new int[] {first, last};
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
