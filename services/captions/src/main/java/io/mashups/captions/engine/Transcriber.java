package io.mashups.captions.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Audio to timed words, when no lyrics are given. Blocking. */
public interface Transcriber {
    /** The ISO 639-1 codes of the languages this engine transcribes. */
    Set<String> languages();

    /** The audio's words; {@code language} null lets the engine detect it. */
    Transcript transcribe(Path audio, String language, double durationSec, Path workDir)
            throws IOException, InterruptedException;
}
