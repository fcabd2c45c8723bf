package io.mashups.audio.stems;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Splits a song into vocals, drums, bass and other. Blocking: call from worker threads. */
public interface StemSeparator {
    /** The engine's name as reported with the stems ("builtin", "demucs"). */
    String engine();

    /** Writes the four stems as WAV files into {@code outputDir} and returns them by stem. */
    Map<Stem, Path> separate(Path input, Path outputDir) throws IOException, InterruptedException;
}
