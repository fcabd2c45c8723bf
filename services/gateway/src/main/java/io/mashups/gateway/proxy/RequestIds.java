package io.mashups.gateway.proxy;

import io.vertx.ext.web.RoutingContext;

/** The request id of this exchange, kept from the client when sane, and echoed on every response. */
public final class RequestIds {
    private static final String KEY = "mashups.request-id";

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            id = ForwardedHeaders.requestId(ctx.request());
            ctx.put(KEY, id);
            ctx.response().headers().set(ForwardedHeaders.REQUEST_ID, id);
        }
        return id;
    }

    private RequestIds() {}
}
