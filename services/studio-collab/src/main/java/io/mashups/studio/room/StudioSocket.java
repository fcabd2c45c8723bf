package io.mashups.studio.room;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/** The studio WebSocket; {@link JoinCheck} has let only members with a valid join token in. Protocol: see the README. */
@WebSocket(path = "/ws/studio/{projectId}")
public class StudioSocket {
    private static final Logger LOG = Logger.getLogger(StudioSocket.class);
    private final Rooms rooms;

    public StudioSocket(Rooms rooms) {
        this.rooms = rooms;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        rooms.open(
                connection,
                connection.userData().get(JoinCheck.USER),
                connection.userData().get(JoinCheck.ROLE),
                connection.userData().get(JoinCheck.SINCE),
                connection.userData().get(JoinCheck.EPOCH));
    }

    @OnTextMessage
    @NonBlocking
    public void message(WebSocketConnection connection, String text) {
        rooms.receive(connection.id(), text);
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(WebSocketConnection connection, Buffer data) {
        rooms.receive(connection.id(), null);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        rooms.leave(connection.id());
    }

    /** Vert.x drops a message over the frame limit and reports it here (no type of its own): that client is closed, 1009. */
    @OnError
    @NonBlocking
    public void error(WebSocketConnection connection, Throwable failure) {
        if (failure instanceof IllegalStateException
                && String.valueOf(failure.getMessage()).contains("max message size")) {
            connection
                    .close(new CloseReason(1009, "message too big"))
                    .subscribe()
                    .with(closed -> {}, e -> {});
            return;
        }
        LOG.debugf("studio connection %s: %s", connection.id(), failure.toString());
    }
}
