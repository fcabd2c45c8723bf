package io.mashups.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a request path to its owning upstream by the longest whole-segment prefix. */
@ApplicationScoped
public class RouteTable {
    private final List<Route> routes;
    private final Map<String, GatewayConfig.Upstream> upstreams;
    private final List<String> publicPaths;

    public RouteTable(GatewayConfig config) {
        this.upstreams = config.services();
        this.publicPaths =
                config.publicPaths().stream().map(RouteTable::normalize).toList();
        List<Route> all = new ArrayList<>();
        config.services()
                .forEach((name, upstream) -> upstream.paths()
                        .forEach(prefix -> all.add(new Route(normalize(prefix), name, upstream.url()))));
        all.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(all);
    }

    public Optional<Route> match(String path) {
        return routes.stream()
                .filter(route -> underPrefix(path, route.prefix()))
                .findFirst();
    }

    /** Whether the path may be called without a bearer token. */
    public boolean isPublic(String path) {
        return publicPaths.stream().anyMatch(prefix -> underPrefix(path, prefix));
    }

    private static boolean underPrefix(String path, String prefix) {
        return path.startsWith(prefix)
                && (path.length() == prefix.length()
                        || path.charAt(prefix.length()) == '/'
                        || path.charAt(prefix.length()) == '.');
    }

    public Optional<GatewayConfig.Upstream> upstream(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }

    public List<Route> routes() {
        return routes;
    }

    private static String normalize(String prefix) {
        String trimmed = prefix.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** One path prefix owned by the named service at {@code base}. */
    public record Route(String prefix, String service, URI base) {
        public int port() {
            return base.getPort() > 0 ? base.getPort() : ssl() ? 443 : 80;
        }

        public boolean ssl() {
            return "https".equalsIgnoreCase(base.getScheme()) || "wss".equalsIgnoreCase(base.getScheme());
        }
    }
}
