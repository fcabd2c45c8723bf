package io.mashups.gateway.proxy;

import io.mashups.gateway.routing.RouteTable;
import io.mashups.web.AuthProblems;
import io.mashups.web.Problem;
import io.mashups.web.WebSocketFrameGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bridges a browser WebSocket to the upstream's: the upstream handshake happens first, so its refusal (a bad join
 * token, say) reaches the browser as the same HTTP status; then frames pass both ways with back-pressure, none lost
 * while the two sides are joined, and a close on either side closes the other with the same code.
 */
@ApplicationScoped
public class WebSocketProxy {
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private final Vertx vertx;
    private final ClientAddress clientAddress;
    private WebSocketClient client;

    public WebSocketProxy(Vertx vertx, ClientAddress clientAddress) {
        this.vertx = vertx;
        this.clientAddress = clientAddress;
    }

    private WebSocketClient client() {
        if (client == null) {
            client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxFrameSize(MAX_MESSAGE_BYTES)
                    .setMaxMessageSize(MAX_MESSAGE_BYTES)
                    .setConnectTimeout(5000));
        }
        return client;
    }

    public void forward(RoutingContext ctx, RouteTable.Route route, String upstreamUri, String requestId) {
        var request = ctx.request();
        request.pause();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(route.base().getHost())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(upstreamUri);
        options.setHeaders(io.vertx.core.MultiMap.caseInsensitiveMultiMap());
        ForwardedHeaders.copyWebSocketHandshake(request, options.getHeaders(), requestId, clientAddress.of(ctx));
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            for (String protocol : protocols.split(",")) {
                options.addSubProtocol(protocol.trim());
            }
        }
        client().connect(options).onComplete(connected -> {
            request.resume();
            if (connected.failed()) {
                Throwable cause = connected.cause();
                if (cause instanceof UpgradeRejectedException rejected) {
                    AuthProblems.write(
                            ctx,
                            Problem.of(
                                    rejected.getStatus(),
                                    "websocket-rejected",
                                    "WebSocket refused",
                                    "The " + route.service() + " service refused the connection"));
                } else {
                    UpstreamFailures.unavailable(ctx, route.service());
                }
                return;
            }
            var upstream = connected.result();
            // a frame that arrives before a handler is set is dropped, and the upstream may speak first (the
            // studio's init): hold its frames until the browser's side is piped
            upstream.pause();
            WebSocketFrameGuard.install(request);
            request.toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    upstream.close();
                    return;
                }
                var browser = upgraded.result();
                pipeFrames(browser, upstream);
                pipeFrames(upstream, browser);
                upstream.resume();
            });
        });
    }

    private static void pipeFrames(WebSocketBase from, WebSocketBase to) {
        from.frameHandler((WebSocketFrame frame) -> {
            if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
                to.writeFrame(frame);
                if (to.writeQueueFull()) {
                    from.pause();
                    to.drainHandler(v -> from.resume());
                }
            }
        });
        from.closeHandler(v -> {
            if (!to.isClosed()) {
                Short code = from.closeStatusCode();
                // 1005, 1006 and 1015 describe a close but may not be sent in one
                boolean sendable = code != null && code != 1005 && code != 1006 && code != 1015;
                to.close(sendable ? code : (short) 1000, from.closeReason());
            }
        });
        from.exceptionHandler(e -> {
            if (!to.isClosed()) {
                to.close((short) 1011, "peer failed");
            }
        });
    }
}
