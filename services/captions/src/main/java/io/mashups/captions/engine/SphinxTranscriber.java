package io.mashups.captions.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The local transcription engine, the default: pocketsphinx's general US English language model. It is weak (the word error rate on clear synthetic speech is reported by the benchmark and
 * the tests), so its transcripts are marked low-confidence.
 */
public final class SphinxTranscriber implements Transcriber {
    public static final String ENGINE = "pocketsphinx";

    @Override
    public Set<String> languages() {
        return Set.of("en");
    }

    @Override
    public Transcript transcribe(Path audio, String language, double durationSec, Path workDir)
            throws IOException, InterruptedException {
        return transcribe(audio, workDir);
    }

    public Transcript transcribe(Path audio, Path workDir) throws IOException, InterruptedException {
        return new Transcript("en", ENGINE, Sphinx.recognise(Sphinx.speechWav(audio, workDir), List.of()), true);
    }
}
