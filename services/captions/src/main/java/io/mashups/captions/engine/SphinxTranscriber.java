package io.mashups.captions.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The local fallback when no transcription API is configured and no lyrics are given: pocketsphinx's general US
 * English language model. It is weak (the word error rate on clear synthetic speech is reported by the benchmark and
 * the tests), so its transcripts are marked low-confidence.
 */
public final class SphinxTranscriber {
    public static final String ENGINE = "pocketsphinx";

    public Transcript transcribe(Path audio, Path workDir) throws IOException, InterruptedException {
        return new Transcript("en", ENGINE, Sphinx.recognise(Sphinx.speechWav(audio, workDir), List.of()), true);
    }
}
