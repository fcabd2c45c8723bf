package io.mashups.captions.track;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Captioning workers: {@code mashups.captions.worker.*}. */
@ConfigMapping(prefix = "mashups.captions.worker")
public interface CaptionConfig {
    @WithDefault("true")
    boolean enabled();

    /** How often an idle worker looks for queued tracks. */
    @WithDefault("1s")
    Duration pollInterval();

    /** A running track's claim; a worker that dies leaves it to others after this. */
    @WithDefault("10m")
    Duration lease();

    @WithDefault("3")
    int maxAttempts();

    /**
     * How long a new track waits before it is taken: audio.stems-ready and audio.mashup-rendered travel on different
     * topics, and the vocal stem, when there is one, should be known before captioning starts.
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
