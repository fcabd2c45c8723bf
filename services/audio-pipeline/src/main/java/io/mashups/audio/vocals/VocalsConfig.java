package io.mashups.audio.vocals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** AI vocals: {@code mashups.audio.vocals.*}; the providers are optional and listed unavailable without a key. */
@ConfigMapping(prefix = "mashups.audio.vocals")
public interface VocalsConfig {
    /** The voice used when a request names none. */
    @WithDefault(LocalSinger.ID + ":" + LocalSinger.DEFAULT_VOICE)
    String defaultVoice();

    ElevenLabs elevenlabs();

    Replicate replicate();

    interface ElevenLabs {
        @WithDefault("https://api.elevenlabs.io")
        String baseUrl();

        /** {@code xi-api-key}, from the environment or a Secret. */
        Optional<String> apiKey();

        @WithDefault("eleven_multilingual_v2")
        String modelId();

        @WithDefault("2m")
        Duration timeout();
    }

    interface Replicate {
        @WithDefault("https://api.replicate.com")
        String baseUrl();

        /** Bearer token, from the environment or a Secret. */
        Optional<String> apiToken();

        /** The model version to run: Bark, as the seed plan names it. */
        @WithDefault("b76242b40d67c76ab6742e987628a2a9ac019e11ac716833f1ca8b29e9b640b")
        String version();

        @WithDefault("2s")
        Duration pollInterval();

        /** How long a prediction may take before it is cancelled and the job fails. */
        @WithDefault("10m")
        Duration timeout();
    }
}
