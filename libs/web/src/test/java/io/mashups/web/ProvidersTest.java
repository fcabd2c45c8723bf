package io.mashups.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class ProvidersTest {
    interface Engine {
        String name();
    }

    @Singleton
    static class Engines {
        @Produces
        @Identifier("local")
        @Singleton
        Engine local() {
            return () -> "the local engine";
        }

        @Produces
        @Identifier("remote")
        @Singleton
        Engine remote() {
            return () -> "the remote engine";
        }
    }

    @Inject
    @Any
    Instance<Engine> engines;

    @Test
    void theNamedProviderIsChosen() {
        assertEquals(
                "the remote engine",
                Providers.chosen(engines, "test.engine", "remote").name());
        assertEquals(
                "the local engine",
                Providers.chosen(engines, "test.engine", "local").name());
        assertEquals(List.of("local", "remote"), Providers.names(engines));
    }

    @Test
    void anUnknownNameSaysWhichNamesExist() {
        IllegalStateException unknown =
                assertThrows(IllegalStateException.class, () -> Providers.chosen(engines, "test.engine", "gpu"));
        assertEquals("test.engine must be one of local, remote, not \"gpu\"", unknown.getMessage());
    }
}
