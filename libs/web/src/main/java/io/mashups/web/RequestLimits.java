package io.mashups.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request size limits, answered with problems: a URL over {@code mashups.http.max-url-length} is 414, headers over
 * {@code mashups.http.max-header-bytes} 431, a declared body over {@code quarkus.http.limits.max-body-size} 413.
 * Vert.x and Quarkus answer these with empty bodies and close the connection at once, so a client (or the gateway)
 * still sending a body gets a reset instead of the answer; here the rest of the body is read and dropped for up to
 * {@code mashups.http.refused-body-linger} before the connection closes. The HTTP decoder's own limits are set
 * higher (this library's configuration), so only a request beyond those still meets the bare answer.
 */
@ApplicationScoped
public class RequestLimits {
    /** Before the bearer syntax check (no token is parsed for a refused request) and Quarkus' body limit (-2). */
    static final int ORDER = BearerSyntax.ORDER - 1;

    private final long maxBodyBytes;
    private final int maxHeaderBytes;
    private final int maxUrlLength;
    private final long lingerMillis;

    public RequestLimits(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody,
            @ConfigProperty(name = "mashups.http.max-header-bytes", defaultValue = "20480") int maxHeaderBytes,
            @ConfigProperty(name = "mashups.http.max-url-length", defaultValue = "4096") int maxUrlLength,
            @ConfigProperty(name = "mashups.http.refused-body-linger", defaultValue = "PT10S")
                    java.time.Duration linger) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxUrlLength = maxUrlLength;
        this.lingerMillis = linger.toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > maxUrlLength) {
            refuse(
                    ctx,
                    limit(
                            414,
                            "url-too-long",
                            "URL too long",
                            "The URL",
                            request.uri().length(),
                            maxUrlLength));
            return;
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            refuse(
                    ctx,
                    limit(431, "headers-too-large", "Headers too large", "The headers", headerBytes, maxHeaderBytes));
            return;
        }
        long declared = declaredLength(request);
        if (declared > maxBodyBytes) {
            refuse(ctx, limit(413, "body-too-large", "Body too large", "The body", declared, maxBodyBytes));
            return;
        }
        ctx.next();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP decoder has refused a malformed length before any route
        }
    }

    private static Problem limit(int status, String slug, String title, String what, long size, long max) {
        return Problem.of(status, slug, title, what + " is " + size + " bytes long; the limit is " + max)
                .with("limit", max);
    }

    /** Answers, then reads and drops what the client still sends, for a while, so the answer is not lost to a reset. */
    private void refuse(RoutingContext ctx, Problem problem) {
        HttpServerRequest request = ctx.request();
        AuthProblems.write(ctx, problem);
        if (!request.isEnded()) {
            long timer =
                    ctx.vertx().setTimer(lingerMillis, t -> request.connection().close());
            request.handler(chunk -> {}).endHandler(v -> ctx.vertx().cancelTimer(timer));
            request.resume();
        }
    }
}
