package io.mashups.audio.stems;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine chosen by {@code mashups.audio.stems.engine}. */
public class SeparatorProducer {
    @Produces
    @Singleton
    StemSeparator separator(SeparatorConfig config) {
        return switch (config.engine()) {
            case "builtin" -> new BuiltinSeparator();
            case "demucs" ->
                new DemucsSeparator(
                        config.demucs().command(),
                        config.demucs().model(),
                        config.demucs().device(),
                        config.demucs().timeout().toSeconds());
            default ->
                throw new IllegalArgumentException(
                        "mashups.audio.stems.engine must be builtin or demucs, not " + config.engine());
        };
    }
}
