package io.mashups.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where each frontend path goes and how the gateway protects the upstreams. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    /** Upstream services by name. */
    Map<String, Upstream> services();

    /** How long an upstream may take to start its response before the client gets 504. */
    @WithDefault("30s")
    Duration responseTimeout();

    @WithDefault("2s")
    Duration connectTimeout();

    /** Pooled connections per upstream and event loop. */
    @WithDefault("256")
    int maxConnectionsPerUpstream();

    RateLimit rateLimit();

    /** Path prefixes reachable without a bearer token (whole segments, like the routes). */
    List<String> publicPaths();

    interface Upstream {
        /** Base URL: Kubernetes service DNS in prod, a localhost port in dev. */
        URI url();

        /** Path prefixes this service owns, matched on whole segments; the longest match wins. */
        List<String> paths();

        /** Where the service serves its OpenAPI document. */
        @WithDefault("/q/openapi")
        String openapiPath();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second and burst for one authenticated user. */
        Bucket perUser();

        /** Sustained requests per second and burst for one client address. */
        Bucket perIp();
    }

    interface Bucket {
        double ratePerSecond();

        int burst();
    }
}
