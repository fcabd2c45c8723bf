package io.mashups.captions.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Transcription: {@code mashups.captions.transcription.*}, the engine and the OpenAI-compatible API's settings. */
@ConfigMapping(prefix = "mashups.captions.transcription")
public interface TranscriptionConfig {
    /** pocketsphinx (local, English only, the default) or openai-compatible (the API below). */
    @WithDefault(SphinxTranscriber.ENGINE)
    String engine();

    /** e.g. https://api.openai.com, or a self-hosted faster-whisper / whisper.cpp server. */
    Optional<String> baseUrl();

    /** Bearer key (from the environment or a Secret); self-hosted servers may need none. */
    Optional<String> apiKey();

    @WithDefault("whisper-1")
    String model();

    /** The API's upload limit; longer audio is cut into overlapping chunks below it. */
    @WithDefault("25000000")
    long maxUploadBytes();

    /** Overlap between chunks; words are kept by the chunk that holds their middle, so none is lost or doubled. */
    @WithDefault("10s")
    Duration chunkOverlap();

    @WithDefault("5m")
    Duration timeout();
}
