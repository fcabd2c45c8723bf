package io.mashups.gateway.proxy;

import io.mashups.web.AuthProblems;
import io.mashups.web.Problem;
import io.vertx.ext.web.RoutingContext;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Problem answers for an upstream that is down (503), too slow (504), or broke mid-way (502). */
final class UpstreamFailures {
    static void unavailable(RoutingContext ctx, String service) {
        ctx.response().putHeader("Retry-After", "5");
        AuthProblems.write(
                ctx,
                Problem.of(
                                503,
                                "upstream-unavailable",
                                "Service unavailable",
                                "The " + service + " service cannot be reached; try again shortly")
                        .with("service", service));
    }

    static void timedOut(RoutingContext ctx, String service, long timeoutMillis) {
        AuthProblems.write(
                ctx,
                Problem.of(
                                504,
                                "upstream-timeout",
                                "Gateway timeout",
                                "The " + service + " service did not answer within " + timeoutMillis + " ms")
                        .with("service", service));
    }

    static void broken(RoutingContext ctx, String service) {
        AuthProblems.write(
                ctx,
                Problem.of(
                                502,
                                "upstream-failed",
                                "Bad gateway",
                                "The " + service + " service closed the connection before answering")
                        .with("service", service));
    }

    /** Connection refused, unknown host or connect timeout: nobody is there to answer. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private UpstreamFailures() {}
}
