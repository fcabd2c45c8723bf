package io.mashups.audio.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** Limits on what users may upload. */
@ConfigMapping(prefix = "mashups.audio.uploads")
public interface UploadConfig {
    @WithDefault("209715200")
    long maxBytes();

    @WithDefault("15m")
    Duration maxDuration();

    /** Declared content types a client may ask to upload. */
    @WithDefault(
            "audio/mpeg,audio/mp3,audio/wav,audio/x-wav,audio/wave,audio/flac,audio/x-flac,audio/ogg,audio/mp4,audio/x-m4a,audio/aac")
    Set<String> contentTypes();

    /** ffprobe format names accepted as audio containers (mp3, wav, flac, ogg, m4a). */
    @WithDefault("mp3,wav,flac,ogg,mov,mp4,m4a,3gp,3g2,mj2")
    Set<String> containers();
}
