package io.mashups.audio.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The AI Magic Generator: {@code mashups.audio.generation.*}. */
@ConfigMapping(prefix = "mashups.audio.generation")
public interface GenerationConfig {
    /** Mashup generations one user may have queued or running at once. */
    @WithDefault("2")
    int maxActivePerUser();
}
