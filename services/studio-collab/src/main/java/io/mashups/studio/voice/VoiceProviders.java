package io.mashups.studio.voice;

import io.mashups.studio.StudioConfig;
import io.mashups.web.Providers;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The voice room providers, by name; the one {@code mashups.studio.voice.provider} names serves the studio. */
@Singleton
public class VoiceProviders {
    @Produces
    @Identifier("livekit")
    @Singleton
    VoiceProvider livekit(StudioConfig config) {
        return new LiveKitVoice(config.voice());
    }

    @Produces
    @Identifier("daily")
    @Singleton
    VoiceProvider daily(StudioConfig config) {
        return new DailyVoice(config.voice());
    }

    @Produces
    @Singleton
    @Startup
    VoiceProvider provider(@Any Instance<VoiceProvider> providers, StudioConfig config) {
        return Providers.chosen(
                providers, "mashups.studio.voice.provider", config.voice().provider());
    }
}
