package io.mashups.captions.engine;

import io.mashups.captions.format.Word;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Debian's pocketsphinx (0.8) with its US English model: {@code pocketsphinx_continuous} over 16 kHz mono 16-bit
 * PCM, printing {@code word start end confidence} per recognised word. Blocking.
 */
final class Sphinx {
    static final Path MODEL = Path.of("/usr/share/pocketsphinx/model/en-us");
    private static final Path DICTIONARY = MODEL.resolve("cmudict-en-us.dict");
    private static volatile Set<String> vocabulary;

    private Sphinx() {}

    /** Words the model can recognise (pronunciation variants such as {@code the(2)} folded). */
    static Set<String> vocabulary() throws IOException {
        if (vocabulary == null) {
            Set<String> words = new HashSet<>();
            for (String line : Files.readAllLines(DICTIONARY)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    words.add(line.substring(0, space).replaceFirst("\\(\\d+\\)$", ""));
                }
            }
            vocabulary = words;
        }
        return vocabulary;
    }

    /** Decodes any audio to what pocketsphinx reads. */
    static Path speechWav(Path audio, Path dir) throws IOException, InterruptedException {
        Path wav = dir.resolve("speech-16k.wav");
        MediaTools.ffmpeg(List.of(
                "-i", audio.toString(), "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav.toString()));
        return wav;
    }

    /** Recognised words with times; {@code extraArguments} such as {@code -jsgf grammar}. */
    static List<Word> recognise(Path wav16k, List<String> extraArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "pocketsphinx_continuous", "-infile", wav16k.toString(), "-time", "yes", "-logfn", "/dev/null"));
        command.addAll(extraArguments);
        MediaTools.Result result = MediaTools.run(command, 1800);
        if (result.exitCode() != 0) {
            throw new IOException("pocketsphinx failed: " + MediaTools.lastLine(result.stderr() + result.stdout()));
        }
        List<Word> words = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 4 || !fields[1].matches("[0-9.]+") || !fields[2].matches("[0-9.]+")) {
                continue; // the hypothesis line of each utterance, or a blank
            }
            String word = fields[0].replaceFirst("\\(\\d+\\)$", "").toLowerCase(Locale.ROOT);
            if (word.startsWith("<") || word.startsWith("[") || word.equals("(null)")) {
                continue; // silence, noise and grammar markers
            }
            double start = Double.parseDouble(fields[1]);
            double end = Double.parseDouble(fields[2]);
            words.add(new Word(
                    start, Math.max(start, end), word, Math.max(0, Math.min(1, Double.parseDouble(fields[3])))));
        }
        return words;
    }
}
