package io.mashups.studio.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What a presence message may carry, so that a member relays only a cursor, a selection and a playhead to the others,
 * never arbitrary JSON: {@code cursor} (an object of at most 4 numbers or short texts), {@code selection} (an object
 * of at most 8 short texts or lists of at most 50 of them), {@code playheadSec} (a number, 0 or more), and the seed
 * plan's flat {@code x}, {@code y}, {@code timestamp} (numbers). Texts are 1-64 characters.
 */
final class Presence {
    static final int MAX_TEXT = 64;
    static final int MAX_CURSOR_FIELDS = 4;
    static final int MAX_SELECTION_FIELDS = 8;
    static final int MAX_SELECTED = 50;

    private Presence() {}

    /** The presence to relay (the message without its type), or throws with what is wrong. */
    static ObjectNode read(JsonNode message) throws Invalid {
        ObjectNode presence = Wire.object();
        for (Iterator<Map.Entry<String, JsonNode>> fields = message.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "type" -> {}
                case "x", "y", "timestamp" -> presence.set(name, number(name, value));
                case "playheadSec" -> {
                    if (number(name, value).asDouble() < 0) {
                        throw new Invalid("playheadSec must be 0 or more");
                    }
                    presence.set(name, value);
                }
                case "cursor" -> presence.set(name, cursor(value));
                case "selection" -> presence.set(name, selection(value));
                default ->
                    throw new Invalid("unknown field \"" + clip(name)
                            + "\"; presence carries cursor, selection, playheadSec (or x, y, timestamp)");
            }
        }
        return presence;
    }

    private static JsonNode cursor(JsonNode cursor) throws Invalid {
        if (cursor.isNull()) {
            return cursor;
        }
        if (!cursor.isObject() || cursor.size() > MAX_CURSOR_FIELDS) {
            throw new Invalid("cursor must be an object of at most " + MAX_CURSOR_FIELDS + " fields");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = cursor.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = "cursor." + clip(field.getKey());
            if (field.getValue().isNumber()) {
                number(name, field.getValue());
            } else {
                text(name, field.getValue());
            }
        }
        return cursor;
    }

    private static JsonNode selection(JsonNode selection) throws Invalid {
        if (selection.isNull()) {
            return selection;
        }
        if (!selection.isObject() || selection.size() > MAX_SELECTION_FIELDS) {
            throw new Invalid("selection must be an object of at most " + MAX_SELECTION_FIELDS + " fields");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = selection.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = "selection." + clip(field.getKey());
            JsonNode value = field.getValue();
            if (value.isArray()) {
                if (value.size() > MAX_SELECTED) {
                    throw new Invalid(name + " may list at most " + MAX_SELECTED + " ids");
                }
                for (JsonNode id : value) {
                    text(name, id);
                }
            } else {
                text(name, value);
            }
        }
        return selection;
    }

    private static JsonNode number(String name, JsonNode value) throws Invalid {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new Invalid(name + " must be a number");
        }
        return value;
    }

    private static void text(String name, JsonNode value) throws Invalid {
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_TEXT) {
            throw new Invalid(name + " must be a text of 1-" + MAX_TEXT + " characters");
        }
    }

    /** Field names come from the client: an error quotes at most a text's length of one. */
    private static String clip(String name) {
        return name.length() > MAX_TEXT ? name.substring(0, MAX_TEXT) + "..." : name;
    }

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
