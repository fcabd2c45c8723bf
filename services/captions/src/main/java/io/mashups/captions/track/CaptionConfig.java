package io.mashups.captions.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Captioning: {@code mashups.captions.worker.*} (the job engine's own settings are {@code mashups.jobs.*}). */
@ConfigMapping(prefix = "mashups.captions.worker")
public interface CaptionConfig {
    /**
     * How long after its mashup was rendered captioning starts: audio.stems-ready and audio.mashup-rendered travel on
     * different topics, and the vocal stem, when there is one, should be known before captioning starts.
     */
    @WithDefault("5s")
    Duration stemGrace();

    /**
     * Mashups announced longer ago than this (a consumer far behind, or a replay of old events) are recorded but not
     * captioned by themselves: their owners can still ask. Bounds the work a replay can cause.
     */
    @WithDefault("24h")
    Duration autoCaptionWithin();
}
