package io.mashups.gateway;

import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Local upstreams for the gateway tests: an echo service (headers, body), a slow one, an SSE stream, a WebSocket echo
 * that greets on open and a refusing WebSocket; plus a port where nothing listens.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {
    static final long SSE_GAP_MILLIS = 400;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                        .setMaxWebSocketFrameSize(1024 * 1024)
                        .setMaxWebSocketMessageSize(1024 * 1024))
                .requestHandler(this::handle)
                .webSocketHandler(ws -> {
                    if (ws.path().endsWith("/reject")) {
                        ws.reject(403);
                        return;
                    }
                    // like the studio's init: written as soon as the socket opens, before the client speaks
                    ws.writeTextMessage("hello:" + ws.path());
                    ws.textMessageHandler(text -> ws.writeTextMessage("echo:" + text));
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                });
        try {
            server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String up = "http://127.0.0.1:" + server.actualPort();
        return Map.ofEntries(
                Map.entry("gateway.services.billing.url", up),
                Map.entry("gateway.services.studio-collab.url", up),
                Map.entry("gateway.services.trends.url", up),
                Map.entry("gateway.services.captions.url", "http://127.0.0.1:" + deadPort()),
                Map.entry("gateway.response-timeout", "1s"),
                Map.entry("gateway.rate-limit.per-user.rate-per-second", "1"),
                Map.entry("gateway.rate-limit.per-user.burst", "8"),
                Map.entry("gateway.rate-limit.per-ip.rate-per-second", "2"),
                Map.entry("gateway.rate-limit.per-ip.burst", "15"),
                Map.entry("mashups.dev-token.private-key", TestTokens.privateKey()),
                Map.entry("mashups.dev-token.issuer", TestTokens.ISSUER));
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.endsWith("/slow")) {
            vertx.setTimer(3000, t -> request.response().end("too late"));
        } else if (path.endsWith("/events")) {
            var response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            for (int i = 1; i <= 3; i++) {
                int n = i;
                vertx.setTimer(SSE_GAP_MILLIS * (i - 1) + 1, t -> {
                    response.write("event: progress\ndata: {\"progress\":" + (n * 33) + "}\n\n");
                    if (n == 3) {
                        response.end();
                    }
                });
            }
        } else if (path.equals("/q/openapi")) {
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"fake\"}}");
        } else {
            request.body()
                    .onSuccess(body -> request.response()
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject()
                                    .put("method", request.method().name())
                                    .put("uri", request.uri())
                                    .put("authorization", request.getHeader("Authorization"))
                                    .put("requestId", request.getHeader("X-Request-Id"))
                                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                                    .put("realIp", request.getHeader("X-Real-IP"))
                                    .put("body", body.toString())
                                    .encode()));
        }
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
