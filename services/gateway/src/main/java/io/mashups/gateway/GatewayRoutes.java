package io.mashups.gateway;

import io.mashups.gateway.devtoken.DevTokenConfig;
import io.mashups.gateway.devtoken.DevTokens;
import io.mashups.gateway.proxy.HttpProxy;
import io.mashups.gateway.proxy.RequestIds;
import io.mashups.gateway.proxy.WebSocketProxy;
import io.mashups.gateway.ratelimit.RateLimiter;
import io.mashups.gateway.routing.RouteTable;
import io.mashups.web.AuthProblems;
import io.mashups.web.Problem;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The gateway's routes: {@code /api/**} and {@code /ws/**} to their owning services (quarkus-oidc has already
 * validated any bearer token; a request without one is refused here unless its path is public), each service's OpenAPI document under
 * {@code /openapi/{service}} for the aggregated Swagger UI, and the dev-only token endpoint.
 */
@ApplicationScoped
public class GatewayRoutes {
    private final RouteTable routes;
    private final HttpProxy http;
    private final WebSocketProxy websockets;
    private final RateLimiter rateLimiter;
    private final DevTokenConfig devTokenConfig;

    public GatewayRoutes(
            RouteTable routes,
            HttpProxy http,
            WebSocketProxy websockets,
            RateLimiter rateLimiter,
            DevTokenConfig devTokenConfig) {
        this.routes = routes;
        this.http = http;
        this.websockets = websockets;
        this.rateLimiter = rateLimiter;
        this.devTokenConfig = devTokenConfig;
    }

    void install(@Observes Router router) {
        // before authentication, so even a 401 or 429 carries the request id
        router.route().order(-10_000).handler(ctx -> {
            RequestIds.of(ctx);
            ctx.next();
        });
        router.routeWithRegex("/(api|ws)(/.*)?").handler(this::proxy);
        router.get("/openapi/:service").handler(this::openapi);
        if (devTokenConfig.enabled()) {
            DevTokens devTokens = new DevTokens(devTokenConfig);
            router.route("/dev/token")
                    .method(io.vertx.core.http.HttpMethod.GET)
                    .method(io.vertx.core.http.HttpMethod.POST)
                    .handler(BodyHandler.create().setBodyLimit(4096))
                    .handler(devTokens::handle);
        }
    }

    private void proxy(RoutingContext ctx) {
        var request = ctx.request();
        var route = routes.match(request.path());
        if (route.isEmpty()) {
            AuthProblems.write(ctx, Problem.of(404, "not-found", "Not found", "No service serves " + request.path()));
            return;
        }
        String userId = userId(ctx);
        if (userId == null && !routes.isPublic(request.path())) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            AuthProblems.write(ctx, AuthProblems.unauthorized());
            return;
        }
        if (!rateLimiter.admit(ctx, userId)) {
            return;
        }
        String requestId = RequestIds.of(ctx);
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            websockets.forward(ctx, route.get(), request.uri(), requestId);
        } else {
            http.forward(ctx, route.get(), request.uri(), requestId);
        }
    }

    private void openapi(RoutingContext ctx) {
        String service = ctx.pathParam("service");
        var upstream = routes.upstream(service);
        if (upstream.isEmpty()) {
            AuthProblems.write(ctx, Problem.of(404, "not-found", "Not found", "No service is named " + service));
            return;
        }
        var route = new RouteTable.Route(
                "/openapi/" + service, service, upstream.get().url());
        http.forward(ctx, route, upstream.get().openapiPath() + "?format=json", RequestIds.of(ctx));
    }

    private static String userId(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous()) {
            var principal = user.getSecurityIdentity().getPrincipal();
            return principal instanceof JsonWebToken jwt && jwt.getSubject() != null
                    ? jwt.getSubject()
                    : principal.getName();
        }
        return null;
    }
}
