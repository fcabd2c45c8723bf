package io.mashups.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens quarkus-oidc has fully verified, kept until shortly before they expire (and at most {@code ttl}), so a
 * client sending the same token again is not verified again: signature checks were two thirds of the gateway's CPU.
 * Keys are the exact token text, so any changed byte misses and goes through full verification.
 */
@ApplicationScoped
public class VerifiedTokens {
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxEntries;

    public VerifiedTokens(
            @ConfigProperty(name = "gateway.token-cache.ttl", defaultValue = "60s") Duration ttl,
            @ConfigProperty(name = "gateway.token-cache.max-entries", defaultValue = "100000") int maxEntries) {
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    void scheduleEviction(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(30_000, id -> evictExpired(System.currentTimeMillis()));
    }

    public SecurityIdentity lookup(String token, long nowMillis) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.validUntilMillis() <= nowMillis) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified identity until its token's expiry (minus a second) or the ttl, whichever comes first. */
    public void remember(String token, SecurityIdentity identity, long nowMillis) {
        if (ttlMillis <= 0 || entries.size() >= maxEntries) {
            return;
        }
        long validUntil = nowMillis + ttlMillis;
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            validUntil = Math.min(validUntil, jwt.getExpirationTime() * 1000 - 1000);
        }
        if (validUntil > nowMillis) {
            entries.put(token, new Entry(identity, validUntil));
        }
    }

    void evictExpired(long nowMillis) {
        entries.values().removeIf(e -> e.validUntilMillis() <= nowMillis);
    }

    int size() {
        return entries.size();
    }

    private record Entry(SecurityIdentity identity, long validUntilMillis) {}
}
