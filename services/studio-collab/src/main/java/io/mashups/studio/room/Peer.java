package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Someone in a room, on this replica or another: who, with which role and colour, and where their cursor is. */
final class Peer {
    private final String connection;
    private final String user;
    private final String node;
    private String role;
    private final String color;
    private JsonNode presence;
    private long lastSeenNanos = System.nanoTime();

    Peer(String connection, String user, String role, String color, String node) {
        this.connection = connection;
        this.user = user;
        this.role = role;
        this.color = color;
        this.node = node;
    }

    String connection() {
        return connection;
    }

    String user() {
        return user;
    }

    String node() {
        return node;
    }

    void role(String role) {
        this.role = role;
    }

    void presence(JsonNode presence) {
        this.presence = presence;
        seen();
    }

    JsonNode presence() {
        return presence;
    }

    void seen() {
        lastSeenNanos = System.nanoTime();
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    ObjectNode describe() {
        ObjectNode described = Wire.object()
                .put("user", user)
                .put("connection", connection)
                .put("role", role)
                .put("color", color);
        if (presence != null) {
            described.set("presence", presence);
        }
        return described;
    }
}
