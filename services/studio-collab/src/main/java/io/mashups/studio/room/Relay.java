package io.mashups.studio.room;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A client whose room another replica owns: this replica opens the same socket at the owner (same path, token and
 * {@code since}, marked {@link #FORWARDED}) and passes frames both ways, so the owner serves it like its own and the
 * gateway needs to know nothing about rooms. Everything runs on the client connection's event loop.
 *
 * <p>Until the owner's first frame (its {@code init}) the client's messages wait here: an owner that turns the socket
 * away because the room moved meanwhile (close {@link Rooms#MOVED}) is looked up again and the same messages go to
 * the next one.
 */
final class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class);
    /** Marks a socket one replica opened at another: one that reaches a replica not owning its room is turned away. */
    static final String FORWARDED = "X-Studio-Forwarded";
    /** How long a client may wait for its room to have an owner (a rebalance takes a few seconds). */
    private static final long FIND_OWNER_NANOS = TimeUnit.SECONDS.toNanos(15);

    private static final int MAX_EARLY = 256;

    private final WebSocketConnection client;
    private final String projectId;
    private final Function<String, Optional<String>> owners;
    private final Executor workers;
    private final WebSocketClient sockets;
    private final String node;
    private final BooleanSupplier ownedHere;
    private final Consumer<List<String>> serveHere;
    private final Context context;
    private final long deadline = System.nanoTime() + FIND_OWNER_NANOS;
    private final ArrayDeque<String> early = new ArrayDeque<>();
    private WebSocket owner;
    private boolean answered;
    private boolean closed;

    /**
     * Made on the client's event loop. {@code serveHere} takes the client over, with the messages it sent so far, when
     * this replica comes to own the room before an owner elsewhere answered.
     */
    Relay(
            WebSocketConnection client,
            String projectId,
            Function<String, Optional<String>> owners,
            Executor workers,
            WebSocketClient sockets,
            String node,
            BooleanSupplier ownedHere,
            Consumer<List<String>> serveHere) {
        this.client = client;
        this.projectId = projectId;
        this.owners = owners;
        this.workers = workers;
        this.sockets = sockets;
        this.node = node;
        this.ownedHere = ownedHere;
        this.serveHere = serveHere;
        this.context = Vertx.currentContext();
    }

    String id() {
        return client.id();
    }

    void start() {
        workers.execute(() -> {
            Optional<String> address = owners.apply(projectId);
            context.runOnContext(ignored -> connect(address));
        });
    }

    /** A text message from the client ({@code null}: a binary one, which the studio does not speak). */
    void fromClient(String text) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            if (text == null) {
                client.sendText(Wire.error("malformed", "the studio speaks JSON text messages, not binary ones", null))
                        .subscribe()
                        .with(sent -> {}, failure -> {});
            } else if (!answered) {
                if (early.size() >= MAX_EARLY) {
                    closeClient(1008, "flooding");
                    return;
                }
                early.add(text);
            } else if (owner.writeQueueFull()) {
                // the owner drops what a client sends beyond its rate anyway; a client outrunning the socket floods
                closeClient(1008, "flooding");
            } else {
                owner.writeTextMessage(text);
            }
        });
    }

    /** The client left: so does its socket at the owner. */
    void clientClosed() {
        context.runOnContext(ignored -> {
            closed = true;
            if (owner != null && !owner.isClosed()) {
                owner.close();
            }
        });
    }

    private void connect(Optional<String> address) {
        if (closed) {
            return;
        }
        if (ownedHere.getAsBoolean()) {
            // the room came here while its owner was looked for (the owner died, and Kafka gave its rooms to us)
            closed = true;
            serveHere.accept(List.copyOf(early));
            return;
        }
        if (address.isEmpty()) {
            retryOr(Rooms.MOVED, "the room has no replica yet; reconnect");
            return;
        }
        String hostPort = address.get();
        int colon = hostPort.lastIndexOf(':');
        String uri = client.handshakeRequest().path()
                + (client.handshakeRequest().query() == null
                        ? ""
                        : "?" + client.handshakeRequest().query());
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(hostPort.substring(0, colon))
                .setPort(Integer.parseInt(hostPort.substring(colon + 1)))
                .setURI(uri)
                .addHeader(FORWARDED, node);
        sockets.connect(options).onComplete(result -> {
            if (result.failed()) {
                LOG.debugf("room %s: owner %s not reached: %s", projectId, hostPort, result.cause());
                retryOr(1011, "the replica owning the room could not be reached; reconnect");
                return;
            }
            attach(result.result());
        });
    }

    private void attach(WebSocket socket) {
        if (closed) {
            socket.close();
            return;
        }
        owner = socket;
        socket.textMessageHandler(text -> {
            if (!answered) {
                answered = true;
                for (String message; (message = early.poll()) != null; ) {
                    socket.writeTextMessage(message);
                }
            }
            client.sendText(text).subscribe().with(sent -> {}, failure -> {});
        });
        socket.closeHandler(ignored -> {
            Short code = socket.closeStatusCode();
            if (!answered && code != null && code == Rooms.MOVED) {
                owner = null;
                retryOr(Rooms.MOVED, socket.closeReason());
                return;
            }
            // 1005/1006 (no code, or the owner vanished) cannot be sent on: the client reconnects, as after a move
            boolean sendable = code != null && code != 1005 && code != 1006;
            closeClient(
                    sendable ? code : Rooms.MOVED,
                    sendable ? socket.closeReason() : "the replica owning the room went away; reconnect");
        });
    }

    private void retryOr(int closeCode, String why) {
        if (closed) {
            return;
        }
        if (System.nanoTime() > deadline) {
            closeClient(closeCode, why);
            return;
        }
        context.owner().setTimer(250, timer -> start());
    }

    private void closeClient(int code, String why) {
        closed = true;
        if (client.isOpen()) {
            client.close(new CloseReason(code, why == null ? "" : why))
                    .subscribe()
                    .with(done -> {}, failure -> {});
        }
        if (owner != null && !owner.isClosed()) {
            owner.close();
        }
    }
}
