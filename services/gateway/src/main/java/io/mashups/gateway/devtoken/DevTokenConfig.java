package io.mashups.gateway.devtoken;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The development token endpoint: on only in the dev profile (and tests), never in prod. */
@ConfigMapping(prefix = "mashups.dev-token")
public interface DevTokenConfig {
    @WithDefault("false")
    boolean enabled();

    /** PKCS#8 private key, PEM or base64 DER, whose public half every service trusts in dev. */
    Optional<String> privateKey();

    @WithDefault("mashups-dev")
    String issuer();

    @WithDefault("12h")
    Duration lifetime();
}
