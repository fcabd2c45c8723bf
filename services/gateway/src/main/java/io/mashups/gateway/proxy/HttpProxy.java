package io.mashups.gateway.proxy;

import io.mashups.gateway.routing.GatewayConfig;
import io.mashups.gateway.routing.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Streams a request to its upstream and the response back, on the event loop and without buffering bodies, so
 * uploads, downloads and Server-Sent Events pass through as they come. A response that has not started within the
 * configured timeout becomes 504; an upstream nobody answers for becomes 503.
 */
@ApplicationScoped
public class HttpProxy {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final ClientAddress clientAddress;
    /**
     * One client per event loop: a pooled connection answers on the loop that opened it, so a request handed a
     * connection of another loop would cross threads (a task and a wake-up) at every step of the exchange.
     */
    private final ThreadLocal<HttpClient> clientOfThisLoop = ThreadLocal.withInitial(this::newClient);

    public HttpProxy(Vertx vertx, GatewayConfig config, ClientAddress clientAddress) {
        this.vertx = vertx;
        this.config = config;
        this.clientAddress = clientAddress;
    }

    private HttpClient newClient() {
        return vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(false),
                new PoolOptions()
                        .setHttp1MaxSize(config.maxConnectionsPerUpstream())
                        .setMaxWaitQueueSize(10_000));
    }

    public void forward(RoutingContext ctx, RouteTable.Route route, String upstreamUri, String requestId) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        request.pause();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.base().getHost())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(upstreamUri);
        options.setHeaders(io.vertx.core.MultiMap.caseInsensitiveMultiMap());
        ForwardedHeaders.copyToUpstream(request, options.getHeaders(), requestId, clientAddress.of(ctx));
        long timeoutMillis = config.responseTimeout().toMillis();

        clientOfThisLoop.get().request(options).onComplete(connected -> {
            if (connected.failed()) {
                request.resume();
                if (UpstreamFailures.isUnreachable(connected.cause())) {
                    UpstreamFailures.unavailable(ctx, route.service());
                } else {
                    UpstreamFailures.broken(ctx, route.service());
                }
                return;
            }
            HttpClientRequest upstream = connected.result();
            long timer = vertx.setTimer(timeoutMillis, t -> {
                upstream.reset();
                UpstreamFailures.timedOut(ctx, route.service(), timeoutMillis);
            });
            response.closeHandler(v -> upstream.reset());
            upstream.response().onComplete(answered -> {
                if (!vertx.cancelTimer(timer)) {
                    return; // the 504 was already sent
                }
                if (answered.failed()) {
                    UpstreamFailures.broken(ctx, route.service());
                    return;
                }
                relayResponse(
                        answered.result(), response, requestId, request.method() == io.vertx.core.http.HttpMethod.HEAD);
            });
            if (hasBody(request)) {
                upstream.send(request).onFailure(e -> request.resume());
            } else {
                // a bodiless request goes out whole at once, not as a chunked stream the upstream must wait to end
                request.resume();
                upstream.end();
            }
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.equals("0"));
    }

    private static void relayResponse(
            HttpClientResponse upstream, HttpServerResponse response, String requestId, boolean head) {
        if (response.ended() || response.closed()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode());
        if (upstream.statusMessage() != null) {
            response.setStatusMessage(upstream.statusMessage());
        }
        ForwardedHeaders.copyEndToEnd(upstream.headers(), response.headers());
        response.headers().set(ForwardedHeaders.REQUEST_ID, requestId);
        boolean bodiless = head || upstream.statusCode() == 204 || upstream.statusCode() == 304;
        if (!bodiless && !response.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        upstream.pipeTo(response);
    }
}
