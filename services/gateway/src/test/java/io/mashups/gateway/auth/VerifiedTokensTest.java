package io.mashups.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final long NOW = 1_800_000_000_000L;

    private static SecurityIdentity identityExpiringAt(long expEpochSeconds) {
        JsonWebToken jwt = new JsonWebToken() {
            public String getName() {
                return "alice";
            }

            public Set<String> getClaimNames() {
                return Set.of("sub", "exp");
            }

            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T)
                        (claimName.equals("exp") ? (Object) expEpochSeconds : claimName.equals("sub") ? "alice" : null);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).build();
    }

    @Test
    void sameTokenIsAnsweredUntilShortlyBeforeItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(10), 100);
        SecurityIdentity identity = identityExpiringAt(NOW / 1000 + 30);

        tokens.remember("token-a", identity, NOW);

        assertSame(identity, tokens.lookup("token-a", NOW + 28_000));
        assertNull(tokens.lookup("token-a", NOW + 29_500), "gone a second before exp");
    }

    @Test
    void anyOtherTextMissesAndTtlCapsTheStay() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(5), 100);
        tokens.remember("token-a", identityExpiringAt(NOW / 1000 + 3600), NOW);

        assertNull(tokens.lookup("token-a ", NOW));
        assertNull(tokens.lookup("token-b", NOW));
        assertNull(tokens.lookup("token-a", NOW + 5_000), "ttl reached although the token lives on");
    }

    @Test
    void expiredTokenIsNeverRememberedAndTheCacheIsBounded() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(1), 1);
        tokens.remember("old", identityExpiringAt(NOW / 1000 - 10), NOW);
        tokens.remember("first", identityExpiringAt(NOW / 1000 + 600), NOW);
        tokens.remember("second", identityExpiringAt(NOW / 1000 + 600), NOW);

        assertNull(tokens.lookup("old", NOW));
        assertNull(tokens.lookup("second", NOW), "full: not added");
    }
}
