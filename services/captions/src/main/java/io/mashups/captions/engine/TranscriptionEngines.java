package io.mashups.captions.engine;

import io.mashups.web.Providers;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The transcription engines, by name; the one {@code mashups.captions.transcription.engine} names transcribes. */
@Singleton
public class TranscriptionEngines {
    @Produces
    @Identifier(SphinxTranscriber.ENGINE)
    @Singleton
    Transcriber pocketsphinx() {
        return new SphinxTranscriber();
    }

    @Produces
    @Identifier(WhisperClient.ENGINE)
    @Singleton
    Transcriber openAiCompatible(TranscriptionConfig config) {
        if (config.baseUrl().filter(url -> !url.isBlank()).isEmpty()) {
            throw new IllegalStateException(
                    "the " + WhisperClient.ENGINE + " engine needs mashups.captions.transcription.base-url");
        }
        return new WhisperClient(config);
    }

    @Produces
    @Singleton
    @Startup
    Transcriber transcriber(@Any Instance<Transcriber> engines, TranscriptionConfig config) {
        return Providers.chosen(engines, "mashups.captions.transcription.engine", config.engine());
    }
}
