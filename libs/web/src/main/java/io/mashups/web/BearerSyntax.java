package io.mashups.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Refuses a bearer credential that is not even shaped like a token with a 401 problem, before authentication sees
 * it: quarkus-oidc's token parsing throws on some (a token of dots only, {@code Bearer .}), which would be a 500.
 * A token is RFC 6750's b64token; one with dots (a JWT) has non-empty header and payload parts.
 */
@ApplicationScoped
public class BearerSyntax {
    /** After request ids (-10,000 at the gateway), before the HTTP security layer's authentication. */
    static final int ORDER = -9_000;

    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final String SCHEME = "bearer ";

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && !wellFormed(header.substring(SCHEME.length()).strip())) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            AuthProblems.write(ctx, AuthProblems.unauthorized());
            return;
        }
        ctx.next();
    }

    static boolean wellFormed(String token) {
        if (!B64TOKEN.matcher(token).matches()) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return true;
        }
        int second = token.indexOf('.', dot + 1);
        return dot > 0 && second > dot + 1;
    }
}
