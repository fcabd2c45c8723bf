package io.mashups.studio.room;

import io.mashups.studio.project.Collaborator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** A client connected to this replica: its socket, who it is and what it may do. */
final class Participant {
    private static final Logger LOG = Logger.getLogger(Participant.class);
    /** Messages are gathered into one frame up to about this size. */
    private static final int FRAME_BYTES = 32 * 1024;
    /** Frames written straight to the channel are at most this long (3 bytes a char: within the 1 MiB frame limit). */
    private static final int DIRECT_FRAME_CHARS = 64 * 1024;

    private final WebSocketConnection connection;
    private final String projectId;
    private final String userId;
    private final long since;
    private final long sinceEpoch;
    private final FloodGuard guard;
    private volatile String role;
    private final Context context;
    private final Outgoing outgoing;
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Null when the connection is not a Vert.x one (then every frame goes through the connection). */
    private final Channel channel;
    /** Event loop only. */
    private boolean closing;

    /** Made on the connection's event loop (its {@code @OnOpen}), whose context writes its messages. */
    Participant(
            WebSocketConnection connection,
            String projectId,
            String userId,
            String role,
            long since,
            long sinceEpoch,
            FloodGuard guard,
            Outgoing outgoing) {
        this.connection = connection;
        this.projectId = projectId;
        this.userId = userId;
        this.role = role;
        this.since = since;
        this.sinceEpoch = sinceEpoch;
        this.guard = guard;
        this.outgoing = outgoing;
        this.context = Vertx.currentContext();
        this.channel = connection.userData().get(JoinCheck.CHANNEL);
    }

    Context context() {
        return context;
    }

    String id() {
        return connection.id();
    }

    String projectId() {
        return projectId;
    }

    String userId() {
        return userId;
    }

    String role() {
        return role;
    }

    void role(String role) {
        this.role = role;
    }

    boolean mayEdit() {
        return !"viewer".equals(role);
    }

    String color() {
        return Collaborator.colourOf(userId);
    }

    /** The last sequence the client saw before reconnecting, or a negative number for a fresh start. */
    long since() {
        return since;
    }

    /** The epoch of the op at {@link #since}, as the client was told. */
    long sinceEpoch() {
        return sinceEpoch;
    }

    FloodGuard guard() {
        return guard;
    }

    /** Queues a message; it is written, in order, by the connection's event loop. */
    void send(String message) {
        outbox.add(message);
        if (scheduled.compareAndSet(false, true)) {
            outgoing.schedule(this);
        }
    }

    /**
     * Writes the queued messages (on the event loop). Several waiting messages go in one frame, one per line: under
     * load that saves most of the cost of writing a frame each, and at ease a frame carries one message.
     */
    void drain() {
        scheduled.set(false);
        StringBuilder frame = null;
        String single = null;
        for (String message; (message = outbox.poll()) != null; ) {
            if (single == null && frame == null) {
                single = message;
                continue;
            }
            if (frame == null) {
                frame = new StringBuilder(single.length() * 4).append(single);
                single = null;
            }
            frame.append('\n').append(message);
            if (frame.length() > FRAME_BYTES) {
                write(frame.toString());
                frame = null;
            }
        }
        if (single != null || frame != null) {
            write(single != null ? single : frame.toString());
        }
    }

    /**
     * Writes a frame. Frames up to 64 KiB go straight to the connection's Netty channel (the WebSocket encoder is in its
     * pipeline since the upgrade): the benchmark showed the connection's {@code sendText} (a Uni, its context
     * captured, the socket's state looked up each time) costing more than the write itself at tens of thousands of
     * frames a second. Larger ones (an init with a whole document) go through it, which splits them into frames.
     */
    private void write(String frame) {
        if (closing) {
            return;
        }
        if (channel != null && frame.length() <= DIRECT_FRAME_CHARS) {
            if (channel.isActive()) {
                // encoded into a pooled buffer (the String constructor copies into a growing unpooled one)
                channel.writeAndFlush(
                        new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), frame)), channel.voidPromise());
            }
            return;
        }
        if (connection.isOpen()) {
            connection
                    .sendText(frame)
                    .subscribe()
                    .with(sent -> {}, failure -> LOG.debugf("send to %s failed: %s", id(), failure));
        }
    }

    /** Closes after the messages queued so far are written (a reason sent just before closing still arrives). */
    void close(int code, String reason) {
        context.runOnContext(ignored -> {
            drain();
            // nothing after the close frame
            closing = true;
            if (connection.isOpen()) {
                connection.close(new CloseReason(code, reason)).subscribe().with(closed -> {}, failure -> {});
            }
        });
    }
}
