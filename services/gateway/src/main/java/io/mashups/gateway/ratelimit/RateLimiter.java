package io.mashups.gateway.ratelimit;

import io.mashups.gateway.proxy.ClientAddress;
import io.mashups.gateway.routing.GatewayConfig;
import io.mashups.web.AuthProblems;
import io.mashups.web.Problem;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;

/** Refuses requests over the per-user or per-address rate with 429 and a Retry-After in whole seconds. */
@ApplicationScoped
public class RateLimiter {
    private final GatewayConfig.RateLimit config;
    private final TokenBuckets perUser;
    private final TokenBuckets perIp;
    private final ClientAddress clientAddress;

    public RateLimiter(GatewayConfig gateway, ClientAddress clientAddress) {
        this.config = gateway.rateLimit();
        this.clientAddress = clientAddress;
        this.perUser = new TokenBuckets(
                config.perUser().ratePerSecond(), config.perUser().burst());
        this.perIp =
                new TokenBuckets(config.perIp().ratePerSecond(), config.perIp().burst());
    }

    void scheduleEviction(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(60_000, id -> {
            long now = System.nanoTime();
            perUser.evictIdle(now);
            perIp.evictIdle(now);
        });
    }

    /** True when the request may go on; otherwise the 429 has been sent. */
    public boolean admit(RoutingContext ctx, String userId) {
        if (!config.enabled()) {
            return true;
        }
        long now = System.nanoTime();
        String address = clientAddress.of(ctx);
        long waitNanos = perIp.tryTake(address, now);
        String scope = "address";
        if (waitNanos == 0 && userId != null) {
            waitNanos = perUser.tryTake(userId, now);
            scope = "user";
        }
        if (waitNanos == 0) {
            return true;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
        AuthProblems.write(
                ctx,
                Problem.of(
                                429,
                                "rate-limited",
                                "Too many requests",
                                "Slow down: too many requests for this " + scope + "; retry after " + retryAfter + " s")
                        .with("scope", scope));
        return false;
    }
}
