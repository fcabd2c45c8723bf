package io.mashups.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Refuses a URL whose path or query holds a control character, raw or %-escaped ({@code %00}-{@code %1F}, {@code
 * %7F}), with a 400 problem before anything reads it: no id, title or filter has one, and PostgreSQL fails on NUL
 * (a 500) where it would be compared.
 */
@ApplicationScoped
public class ControlCharacters {
    /** Right after the bearer syntax check. */
    static final int ORDER = BearerSyntax.ORDER + 1;

    private static final Pattern CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])|[\\x00-\\x1F\\x7F]");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && CONTROL.matcher(uri).find()) {
            AuthProblems.write(
                    ctx,
                    Problem.of(
                            400,
                            "control-character",
                            "Control character in the URL",
                            "The path or query holds a control character (such as %00); none of ours takes one"));
            return;
        }
        ctx.next();
    }
}
