package io.mashups.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Which headers cross the gateway, and the ones it adds: request id and X-Forwarded-*. */
final class ForwardedHeaders {
    static final String REQUEST_ID = "X-Request-Id";
    /** The client's address for the services behind (community's one vote per address, say). */
    public static final String REAL_IP = "X-Real-IP";

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** RFC 9110 hop-by-hop headers, plus Host, which the client sets for the upstream. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "proxy-connection");
    /** Headers of the WebSocket handshake that the upstream handshake makes anew. */
    private static final Set<String> WEBSOCKET_HANDSHAKE =
            Set.of("sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept");

    /** The client's request id when it is a sane token, else a new one. */
    static String requestId(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        if (given != null && SAFE_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        // not UUID.randomUUID(): its SecureRandom is shared by every event loop; an id needs uniqueness, not secrecy
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(
                        random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                        random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L)
                .toString();
    }

    /**
     * {@code X-Forwarded-For} gets this connection's peer appended, as every proxy does; {@code X-Real-IP} is the
     * client's address as {@link ClientAddress} worked it out, whatever the client sent in it.
     */
    static void copyToUpstream(HttpServerRequest request, MultiMap target, String requestId, String clientAddress) {
        copyEndToEnd(request.headers(), target);
        target.set(REQUEST_ID, requestId);
        String peer = ClientAddress.peer(request);
        String prior = String.join(", ", request.headers().getAll("X-Forwarded-For"));
        if (peer != null) {
            target.set("X-Forwarded-For", prior.isEmpty() ? peer : prior + ", " + peer);
        }
        target.set(REAL_IP, clientAddress);
        target.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            target.set("X-Forwarded-Host", request.authority().toString());
        }
    }

    static void copyWebSocketHandshake(
            HttpServerRequest request, MultiMap target, String requestId, String clientAddress) {
        copyToUpstream(request, target, requestId, clientAddress);
        WEBSOCKET_HANDSHAKE.forEach(target::remove);
        target.remove("sec-websocket-protocol");
    }

    static void copyEndToEnd(MultiMap source, MultiMap target) {
        String connection = source.get("connection");
        for (var header : source) {
            String name = header.getKey().toLowerCase();
            if (!HOP_BY_HOP.contains(name)
                    && (connection == null || !connection.toLowerCase().contains(name))) {
                target.add(header.getKey(), header.getValue());
            }
        }
    }

    private ForwardedHeaders() {}
}
