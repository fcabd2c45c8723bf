package io.mashups.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.json.Json;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The HTTP security layer rejects requests before any resource runs; this failure handler gives those rejections
 * the same problem+json body as everything else, with the bearer challenge header, and so too any route that fails
 * with a bare status.
 */
@ApplicationScoped
public class AuthProblems {
    private static final ObjectMapper JSON = Json.mapper();

    public static Problem unauthorized() {
        return Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required");
    }

    public static Problem forbidden() {
        return Problem.of(403, "forbidden", "Forbidden", "You are not allowed to do this");
    }

    void installFailureHandler(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException
                || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            write(ctx, unauthorized());
        } else if (failure instanceof ForbiddenException) {
            write(ctx, forbidden());
        } else if (failure == null && ctx.statusCode() >= 400) {
            // a route that failed with a bare status (Vert.x's body handler over its limit, say)
            HttpResponseStatus status = HttpResponseStatus.valueOf(ctx.statusCode());
            write(ctx, Problem.ofStatus(status.code(), status.reasonPhrase(), null));
        } else {
            ctx.next();
        }
    }

    /** Writes a problem response on a plain Vert.x route. */
    public static void write(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        Problem located = problem.instance() == null ? problem.at(ctx.request().path()) : problem;
        try {
            ctx.response()
                    .setStatusCode(located.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(JSON.writeValueAsString(located));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(located.status()).end();
        }
    }
}
