package io.mashups.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The join secret committed for local development is the dev profile's only: production reads
 * MASHUPS_STUDIO_JOIN_SECRET and has nothing without it (then joins are refused, 503), never the committed one.
 */
class JoinSecretProfilesTest {
    private static final String SECRET = "mashups.studio.join-token-secret";

    @Test
    void theCommittedDevelopmentSecretIsAbsentInProd() throws Exception {
        Optional<String> dev = secret("dev");
        Optional<String> prod = secret("prod");

        assertTrue(dev.isPresent() && dev.get().length() >= 32, "dev has its committed secret");
        assertFalse(prod.isPresent() && !prod.get().isBlank(), "prod has no secret unless the environment gives one");
        assertEquals(Optional.empty(), prod.filter(dev.get()::equals), "never the committed one");
    }

    private static Optional<String> secret(String profile) throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        JoinSecretProfilesTest.class.getResource("/application.properties"), 250))
                .build();
        return config.getOptionalValue(SECRET, String.class);
    }
}
