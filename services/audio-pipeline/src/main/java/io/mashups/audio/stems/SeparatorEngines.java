package io.mashups.audio.stems;

import io.mashups.web.Providers;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The separation engines, by name; the one {@code mashups.audio.stems.engine} names is the service's separator. */
@Singleton
public class SeparatorEngines {
    @Produces
    @Identifier("builtin")
    @Singleton
    StemSeparator builtin() {
        return new BuiltinSeparator();
    }

    @Produces
    @Identifier("demucs")
    @Singleton
    StemSeparator demucs(SeparatorConfig config) {
        return new DemucsSeparator(
                config.demucs().command(),
                config.demucs().model(),
                config.demucs().device(),
                config.demucs().timeout().toSeconds());
    }

    @Produces
    @Singleton
    @Startup
    StemSeparator separator(@Any Instance<StemSeparator> engines, SeparatorConfig config) {
        return Providers.chosen(engines, "mashups.audio.stems.engine", config.engine());
    }
}
