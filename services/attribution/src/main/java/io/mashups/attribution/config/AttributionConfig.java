package io.mashups.attribution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code mashups.attribution.*}. */
@ConfigMapping(prefix = "mashups.attribution")
public interface AttributionConfig {
    /** A source is reported from this confidence on (0-100). */
    @WithDefault("50")
    int reportConfidence();

    /** Content ID applies a claim's policy to sources above this confidence. */
    @WithDefault("80")
    int claimConfidence();

    /** Audio shorter than this cannot be identified: too few landmarks to tell anything apart. */
    @WithDefault("3")
    double minDurationSec();

    /** Longer audio is refused (the decoded PCM of the whole file is fingerprinted). */
    @WithDefault("1800")
    double maxDurationSec();

    /**
     * Uploads and mashups announced longer ago than this (a consumer far behind, or a replay of old events) are
     * recorded but not fingerprinted by themselves; their owners can still ask. Bounds the work a replay can cause.
     */
    @WithDefault("3650d")
    Duration autoAttributeWithin();

    /**
     * How long identifying an upload attribution has not heard of yet waits for {@code audio.upload-stored} (it is
     * published a moment after the upload was stored); after it, an unknown upload is a 404.
     */
    @WithDefault("5s")
    Duration identifyWait();

    /** How often each replica applies catalogue additions and removals made through any replica. */
    @WithDefault("2s")
    Duration cataloguePoll();

    AcoustId acoustid();

    /** The AcoustID web service: off unless a client key is set. */
    interface AcoustId {
        Optional<String> clientKey();

        @WithDefault("https://api.acoustid.org")
        String baseUrl();

        @WithDefault("10s")
        Duration timeout();
    }
}
