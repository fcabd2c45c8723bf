package io.mashups.studio.room;

import io.mashups.studio.project.Collaborator;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

/** A client connected to this replica: its socket, who it is and what it may do. */
final class Participant {
    private static final Logger LOG = Logger.getLogger(Participant.class);

    private final WebSocketConnection connection;
    private final String projectId;
    private final String userId;
    private final long since;
    private final FloodGuard guard;
    private volatile String role;

    Participant(WebSocketConnection connection, String projectId, String userId, String role, long since, FloodGuard guard) {
        this.connection = connection;
        this.projectId = projectId;
        this.userId = userId;
        this.role = role;
        this.since = since;
        this.guard = guard;
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

    FloodGuard guard() {
        return guard;
    }

    void send(String message) {
        if (connection.isOpen()) {
            connection.sendText(message).subscribe().with(sent -> { }, failure -> LOG.debugf("send to %s failed: %s", id(), failure));
        }
    }

    void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(closed -> { }, failure -> { });
        }
    }
}
