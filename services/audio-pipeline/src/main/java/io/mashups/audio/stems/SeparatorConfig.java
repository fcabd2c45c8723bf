package io.mashups.audio.stems;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Stem separation: {@code mashups.audio.stems.*}. */
@ConfigMapping(prefix = "mashups.audio.stems")
public interface SeparatorConfig {
    /** builtin (Java, any CPU) or demucs (the GPU worker image). */
    @WithDefault("builtin")
    String engine();

    Demucs demucs();

    interface Demucs {
        @WithDefault("demucs")
        String command();

        @WithDefault("htdemucs")
        String model();

        /** cuda or cpu. */
        @WithDefault("cuda")
        String device();

        @WithDefault("30m")
        Duration timeout();
    }
}
