package io.mashups.studio.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.studio.document.ProjectDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A studio client as a browser would be one: it keeps a copy of the document by applying the server's ops in the
 * server's order (its own ones too, where the order put them), starts from the init snapshot or replays the ops it
 * missed, sends again the ops not acknowledged when it reconnects, and records every message for tests to look at.
 */
public final class StudioClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong OP_IDS = new AtomicLong();

    private final List<JsonNode> received = new ArrayList<>();
    /** One line per connection and per message that changed the document: what a failure reports first. */
    private final List<String> history = new ArrayList<>();

    /** Ops sent and not acknowledged yet, in the order they were sent: sent again after a reconnect. */
    private final Map<String, JsonNode> pending = new LinkedHashMap<>();
    /** Every ack this client got, on any connection: client op id to its seq. */
    private final Map<String, Long> acknowledged = new LinkedHashMap<>();
    /** How each connection this client did not replace itself ended (the server closed it, or it dropped). */
    private final List<Integer> closeCodes = new ArrayList<>();

    private ProjectDocument document;
    private long seq = Long.MIN_VALUE;
    /** The epoch of the op at {@link #seq}: named with it when resuming. */
    private long epoch;

    private volatile WebSocket socket;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    /** Why the current connection failed on this side (a message it could not apply), if it did. */
    private Throwable failure;
    /** Counts connections; messages of earlier ones are dropped. */
    private int connections;

    private StudioClient() {}

    /**
     * A join token for the studio socket, from {@code POST /api/projects/{id}/join} where RestAssured points (the
     * service under test, or the gateway).
     */
    public static String joinToken(String bearer, String projectId) {
        return io.restassured.RestAssured.given()
                .auth()
                .oauth2(bearer)
                .post("/api/projects/" + projectId + "/join")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /**
     * Connects to {@code base} (ws://host:port) with a join token, starting from the init snapshot. Fails with the HTTP
     * status when the upgrade is refused.
     */
    public static StudioClient connect(String base, String projectId, String token) {
        StudioClient client = new StudioClient();
        client.open(base, projectId, token, false);
        return client;
    }

    /**
     * Drops the connection (politely or not) and connects again with the last sequence seen, keeping this client's
     * document: it then holds what it missed, from the ops sent or a fresh snapshot. Returns the new init message.
     */
    public JsonNode reconnect(String base, String projectId, String token, boolean abruptly) {
        if (abruptly) {
            abort();
        } else {
            close();
        }
        return open(base, projectId, token, true);
    }

    /**
     * Opens a connection; {@code resume}: asks for what was missed since the last op this client has applied, and
     * sends again its ops that were not acknowledged.
     */
    private JsonNode open(String base, String projectId, String token, boolean resume) {
        int initsBefore;
        int connection;
        long since;
        long sinceEpoch;
        synchronized (this) {
            initsBefore = (int) received.stream()
                    .filter(m -> "init".equals(m.path("type").asText()))
                    .count();
            // in one step: from now on what the previous socket still delivers is dropped, so nothing is applied
            // after the sequence asked for is read
            connection = ++connections;
            since = seq;
            sinceEpoch = epoch;
            history.add("connection " + connection + " to " + base
                    + (resume ? " since " + since + " epoch " + sinceEpoch : ""));
            closeCode = -1;
            closeReason = null;
            failure = null;
        }
        String query = "?token=" + token + (resume ? "&since=" + since + "&epoch=" + sinceEpoch : "");
        try {
            WebSocket opened = HTTP.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(base + "/ws/studio/" + projectId + query), listener(connection))
                    .get(15, TimeUnit.SECONDS);
            socket = opened;
        } catch (ExecutionException e) {
            throw new Refused(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (this) {
            while (true) {
                List<JsonNode> inits = received.stream()
                        .filter(m -> "init".equals(m.path("type").asText()))
                        .toList();
                if (inits.size() > initsBefore) {
                    resend();
                    return inits.get(initsBefore);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeCode >= 0) {
                    throw new AssertionError(
                            "no init (close code " + closeCode + ", \"" + closeReason + "\"); got " + received,
                            failure);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Sends the ops not acknowledged again: the room has them (and acknowledges them) or lost them with a replica (and
     * applies them now).
     */
    private void resend() {
        pending.forEach((id, op) -> {
            ObjectNode message = JSON.createObjectNode().put("type", "op").put("clientOpId", id);
            message.put("lastSeq", seq);
            message.set("op", op);
            history.add("resend " + id);
            socket.sendText(message.toString(), true).join();
        });
    }

    /** Sends an op; returns its client op id. */
    public String op(JsonNode op) {
        String id = "op-" + OP_IDS.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("type", "op").put("clientOpId", id);
        synchronized (this) {
            pending.put(id, op);
            message.put("lastSeq", seq);
        }
        message.set("op", op);
        send(message.toString());
        return id;
    }

    /** Sends a {@code transport} message (play, pause, seek); returns its client op id. */
    public String transport(String action, double positionSec) {
        String id = "op-" + OP_IDS.incrementAndGet();
        ObjectNode op = JSON.createObjectNode()
                .put("kind", "transport")
                .put("action", action)
                .put("positionSec", positionSec);
        synchronized (this) {
            pending.put(id, op);
        }
        send(JSON.createObjectNode()
                .put("type", "transport")
                .put("clientOpId", id)
                .put("action", action)
                .put("positionSec", positionSec)
                .toString());
        return id;
    }

    public void send(String text) {
        try {
            socket.sendText(text, true).join();
        } catch (CompletionException e) {
            synchronized (this) {
                // the listener threw (the JDK closed the socket) or the server closed it: say which, with what came
                throw new AssertionError(
                        (failure != null
                                        ? "the connection failed on this side"
                                        : "the connection is closed (close code " + closeCode + ", \"" + closeReason
                                                + "\")")
                                + account(),
                        failure != null ? failure : e.getCause());
            }
        }
    }

    /** Sends unless the server has closed the connection, meanwhile or before: false then (a flood's last messages). */
    public boolean sendUnlessClosed(String text) {
        try {
            socket.sendText(text, true).join();
            return true;
        } catch (CompletionException e) {
            synchronized (this) {
                if (failure != null) {
                    throw new AssertionError("the connection failed on this side" + account(), failure);
                }
            }
            return false;
        }
    }

    /**
     * What went wrong and how this client got there, shortest first: why its side failed, its connections, the end of
     * its history and the last messages (a whole history runs to thousands of lines).
     */
    private String account() {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        List<String> connected = history.stream()
                .filter(line -> line.startsWith("connection") || line.startsWith("init"))
                .toList();
        return (cause == null ? "" : " (" + cause.getMessage() + ")") + "; connections " + connected
                + "; history ends " + history.subList(Math.max(0, history.size() - 30), history.size())
                + "; last received " + received.subList(Math.max(0, received.size() - 10), received.size());
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The first message (received so far or later) that matches. */
    public JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (JsonNode message : received) {
                    if (matching.test(message)) {
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + timeout + "; got " + received);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Waits until the op with this client op id was acknowledged or refused; returns that message. */
    public JsonNode outcome(String clientOpId) {
        return await(
                m -> clientOpId.equals(m.path("clientOpId").asText())
                        && ("ack".equals(m.path("type").asText())
                                || "error".equals(m.path("type").asText())),
                Duration.ofSeconds(20));
    }

    /** The client op ids of every op the server acknowledged to this client, with their seqs. */
    public synchronized Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Every message received so far, on every connection. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    public synchronized long seq() {
        return seq;
    }

    /** This client's copy of the document, as the server's view renders it. */
    public synchronized JsonNode view() {
        return document.view();
    }

    /**
     * Whether this side failed (a message it could not apply: a divergence), as opposed to a connection that dropped
     * (an I/O error: the server died or the network broke).
     */
    public synchronized boolean failedHere() {
        return failure != null && !(failure instanceof java.io.IOException);
    }

    /** The close codes of every connection that ended without this client replacing it. */
    public synchronized List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    public int closeCode() {
        return closeCode;
    }

    public boolean isClosed() {
        return closeCode >= 0 || socket.isInputClosed();
    }

    public void awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closeCode < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still open after " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    /** Drops the connection without a close handshake, as a lost network would. */
    public void abort() {
        socket.abort();
    }

    private synchronized void onMessage(int connection, JsonNode message) {
        if (connection != connections) {
            return;
        }
        switch (message.path("type").asText()) {
            case "init" -> {
                history.add("init seq " + message.get("seq").asLong()
                        + (message.has("snapshot")
                                ? " snapshot"
                                : " ops " + message.get("ops").size()));
                if (message.has("snapshot")) {
                    document = ProjectDocument.fromSnapshot(message.get("snapshot"));
                } else {
                    message.get("ops").forEach(this::applyOp);
                }
                seq = message.get("seq").asLong();
                epoch = message.path("epoch").asLong();
            }
            case "op" -> applyOp(message);
            case "ack" -> {
                history.add("ack " + message.get("seq").asLong() + " "
                        + message.get("clientOpId").asText());
                acknowledged.put(
                        message.get("clientOpId").asText(), message.get("seq").asLong());
                // the op itself came before, in its place (or is in the snapshot, for an op sent again)
                pending.remove(message.get("clientOpId").asText());
            }
            case "error" -> {
                if (message.has("clientOpId")) {
                    pending.remove(message.get("clientOpId").asText());
                }
            }
            default -> {}
        }
        received.add(message);
        notifyAll();
    }

    private void applyOp(JsonNode message) {
        history.add("op " + message.get("seq").asLong() + " " + message.get("op"));
        document.apply(message.get("op"), message.get("t").asLong());
        seq = message.get("seq").asLong();
        epoch = message.path("epoch").asLong();
    }

    private synchronized void closed(int connection, int statusCode, String reason) {
        if (connection == connections && closeCode < 0) { // not the previous socket of a reconnect
            closeCode = statusCode;
            closeReason = reason;
            closeCodes.add(statusCode);
            notifyAll();
        }
    }

    private synchronized void failed(int connection, Throwable error) {
        if (connection == connections && closeCode < 0) {
            failure = error;
        }
        closed(connection, 1006, String.valueOf(error));
    }

    /** A listener for one connection; what a previous connection still delivers after a reconnect is ignored. */
    private WebSocket.Listener listener(int connection) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        // a frame carries one message, or several, one per line
                        for (String message : partial.toString().split("\n")) {
                            onMessage(connection, JSON.readTree(message));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("bad message " + partial, e);
                    } finally {
                        partial.setLength(0);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed(connection, statusCode, reason);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                failed(connection, error);
            }
        };
    }

    /** The server refused the WebSocket upgrade. */
    public static final class Refused extends RuntimeException {
        Refused(Throwable cause) {
            super(cause);
        }

        /** The HTTP status of the refusal, when the JDK reports one. */
        public int status() {
            Throwable cause = getCause();
            if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            return -1;
        }
    }
}
