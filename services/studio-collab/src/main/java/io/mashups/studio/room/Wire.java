package io.mashups.studio.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.json.Json;
import java.util.Collection;
import java.util.List;

/**
 * The JSON the studio speaks: messages to clients (protocol version {@value #VERSION}, see the README) and the
 * entries of the room log that replicas exchange.
 */
final class Wire {
    static final int VERSION = 1;
    static final ObjectMapper JSON = Json.mapper();

    // kinds of room log entries
    static final String OP = "op";
    static final String DELETED = "deleted";
    static final String MEMBER = "member";

    /**
     * The header naming an entry's kind: the owner skips its own op entries by it, without reading them (it applied
     * them before they were written).
     */
    static final String KIND_HEADER = "k";

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The broadcast of an applied op; also what the op log stores, so catch-up replays it verbatim. The op is copied
     * as text from the log entry ({@link #opText}) rather than written again: this runs for every op.
     */
    static String op(long seq, long epoch, String user, String clientOpId, long serverTime, String opText) {
        return new StringBuilder(112 + opText.length())
                .append("{\"type\":\"op\",\"seq\":")
                .append(seq)
                .append(",\"epoch\":")
                .append(epoch)
                .append(",\"user\":")
                .append(quote(user))
                .append(",\"clientOpId\":")
                .append(quote(clientOpId))
                .append(",\"t\":")
                .append(serverTime)
                .append(",\"op\":")
                .append(opText)
                .append('}')
                .toString();
    }

    /**
     * The op of an op entry as text. Entries are written by {@link #write} with the op last; the first
     * {@code ,"op":} is that field, since a quote inside a JSON string is always escaped.
     */
    static String opText(String entry) {
        int at = entry.indexOf(",\"op\":");
        if (at < 0 || !entry.endsWith("}")) {
            throw new IllegalArgumentException("not an op entry");
        }
        return entry.substring(at + 6, entry.length() - 1);
    }

    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /**
     * An op entry's sequence: its {@code s}, or for entries written before the owner numbered ops, its offset (which
     * was its sequence then).
     */
    static long seqOf(JsonNode entry, long offset) {
        JsonNode seq = entry.get("s");
        return seq != null && seq.canConvertToLong() ? seq.asLong() : offset;
    }

    /** An op entry's epoch: the one of the owner that wrote it ({@link Room#FIRST_EPOCH} for older entries). */
    static long epochOf(JsonNode entry) {
        return entry.path("e").asLong(Room.FIRST_EPOCH);
    }

    static String ack(String clientOpId, long seq, long serverTime) {
        return write(object().put("type", "ack")
                .put("clientOpId", clientOpId)
                .put("seq", seq)
                .put("t", serverTime));
    }

    static String error(String code, String message, String clientOpId) {
        ObjectNode error = object().put("type", "error").put("code", code).put("message", message);
        if (clientOpId != null) {
            error.put("clientOpId", clientOpId);
        }
        return write(error);
    }

    static String pong(JsonNode clientTime) {
        ObjectNode pong = object().put("type", "pong").put("serverTime", System.currentTimeMillis());
        pong.set("t", clientTime);
        return write(pong);
    }

    static String presence(Peer peer) {
        ObjectNode message = peer.describe().put("type", "presence");
        return write(message);
    }

    static String joined(Peer peer) {
        return write(peer.describe().put("type", "joined"));
    }

    static String left(Peer peer) {
        return write(object().put("type", "left").put("user", peer.user()).put("connection", peer.connection()));
    }

    /**
     * The first message on a connection: who is here and either the whole document or the ops missed since
     * {@code since}; {@code epoch} is the one of the op at {@code seq}, which the client names when it reconnects.
     */
    static String init(
            String projectId,
            long seq,
            long epoch,
            Participant you,
            Collection<Peer> peers,
            ObjectNode snapshot,
            List<String> missedOps) {
        ObjectNode init = object().put("type", "init")
                .put("v", VERSION)
                .put("projectId", projectId)
                .put("seq", seq)
                .put("epoch", epoch)
                .put("role", you.role())
                .put("serverTime", System.currentTimeMillis());
        init.putObject("you")
                .put("user", you.userId())
                .put("connection", you.id())
                .put("color", you.color());
        ArrayNode users = init.putArray("users");
        peers.forEach(peer -> users.add(peer.describe()));
        if (snapshot != null) {
            init.set("snapshot", snapshot);
        } else {
            ArrayNode ops = init.putArray("ops");
            missedOps.forEach(op -> ops.add(parse(op)));
        }
        return write(init);
    }

    private Wire() {}
}
