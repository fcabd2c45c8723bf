package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Someone in a room: who, with which role and colour, and where their cursor is. */
final class Peer {
    private final String connection;
    private final String user;
    private String role;
    private final String color;
    private JsonNode presence;

    Peer(String connection, String user, String role, String color) {
        this.connection = connection;
        this.user = user;
        this.role = role;
        this.color = color;
    }

    String connection() {
        return connection;
    }

    String user() {
        return user;
    }

    void role(String role) {
        this.role = role;
    }

    void presence(JsonNode presence) {
        this.presence = presence;
    }

    JsonNode presence() {
        return presence;
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
