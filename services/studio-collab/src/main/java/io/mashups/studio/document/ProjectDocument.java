package io.mashups.studio.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The project document: tracks holding clips, markers and the transport. Ops are applied in the server's order, so
 * a property's last writer in that order wins; removed tracks, clips and markers stay as tombstones (their ids can
 * never come back, so a late op on them is refused everywhere alike); tracks are ordered by fractional keys.
 *
 * <p>Deterministic: the same ops in the same order give the same document on every replica and every client.
 */
public final class ProjectDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final double MAX_SECONDS = 24 * 3600;

    private static final Map<String, Property> TRACK = properties(
            Property.text("name", 1, 100),
            Property.number("volume", 0, 2),
            Property.number("pan", -1, 1),
            Property.bool("mute"),
            Property.bool("solo"),
            Property.color("color"),
            Property.order("order"));
    private static final Map<String, Property> CLIP = properties(
            Property.number("start", 0, MAX_SECONDS),
            Property.number("offset", 0, MAX_SECONDS),
            Property.positive("duration", MAX_SECONDS),
            Property.number("gain", -60, 24),
            Property.number("pitch", -24, 24),
            Property.number("tempo", 0.25, 4),
            Property.number("fadeIn", 0, 60),
            Property.number("fadeOut", 0, 60),
            Property.text("name", 0, 100));
    private static final Map<String, Property> MARKER = properties(
            Property.number("atSec", 0, MAX_SECONDS), Property.text("label", 0, 100), Property.color("color"));
    private static final Set<String> SOURCE_KEYS = Set.of("uploadId", "stemId", "mashupId", "stem");

    private final Map<String, ObjectNode> tracks = new HashMap<>();
    private final Map<String, ObjectNode> clips = new HashMap<>();
    private final Map<String, ObjectNode> markers = new HashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private ObjectNode transport = stoppedTransport();

    /** Applies one op stamped with the server time it was sequenced at; refuses it without any change otherwise. */
    public void apply(JsonNode op, long serverTimeMillis) {
        if (op == null || !op.isObject() || !op.path("kind").isTextual()) {
            throw OpRejected.invalid("an op is an object with a \"kind\"");
        }
        String kind = op.get("kind").asText();
        switch (kind) {
            case "addTrack" -> addTrack(op);
            case "removeTrack" -> removeTrack(op);
            case "moveTrack" -> setProperty(track(op, "trackId"), TRACK, "order", required(op, "order"));
            case "addClip" -> addClip(op);
            case "moveClip" -> moveClip(op);
            case "trimClip" -> trimClip(op);
            case "removeClip" -> tombstone(clips, clip(op));
            case "addMarker" -> addMarker(op);
            case "removeMarker" -> tombstone(markers, existing(markers, op, "markerId", "marker"));
            case "set" -> set(op);
            case "transport" -> transport(op, serverTimeMillis);
            default -> throw new OpRejected(OpRejected.UNKNOWN, "unknown op kind \"" + kind + "\"");
        }
    }

    /** What clients see: tracks in order with their clips by start time, markers by time, and the transport. */
    public ObjectNode view() {
        ObjectNode view = NODES.objectNode();
        ArrayNode trackList = view.putArray("tracks");
        Map<String, List<ObjectNode>> clipsByTrack = new HashMap<>();
        clips.values().stream()
                .sorted(Comparator.comparingDouble(
                                (ObjectNode c) -> c.get("start").asDouble())
                        .thenComparing(c -> c.get("id").asText()))
                .forEach(clip -> clipsByTrack
                        .computeIfAbsent(clip.get("trackId").asText(), t -> new ArrayList<>())
                        .add(clip));
        tracks.values().stream()
                .sorted(Comparator.comparing((ObjectNode t) -> t.get("order").asText())
                        .thenComparing(t -> t.get("id").asText()))
                .forEach(track -> {
                    ObjectNode rendered = track.deepCopy();
                    ArrayNode clipList = rendered.putArray("clips");
                    clipsByTrack
                            .getOrDefault(track.get("id").asText(), List.of())
                            .forEach(clip -> {
                                ObjectNode copy = clip.deepCopy();
                                copy.remove("trackId");
                                clipList.add(copy);
                            });
                    trackList.add(rendered);
                });
        ArrayNode markerList = view.putArray("markers");
        markers.values().stream()
                .sorted(Comparator.comparingDouble(
                                (ObjectNode m) -> m.get("atSec").asDouble())
                        .thenComparing(m -> m.get("id").asText()))
                .forEach(m -> markerList.add(m.deepCopy()));
        view.set("transport", transport.deepCopy());
        return view;
    }

    /** The view plus the tombstones: what is persisted and sent to a client that must start over. */
    public ObjectNode snapshot() {
        ObjectNode snapshot = view();
        ArrayNode tombstones = snapshot.putArray("deleted");
        new TreeSet<>(deleted).forEach(tombstones::add);
        return snapshot;
    }

    /**
     * A document from a snapshot or view (also the initial document of a new project), checked by the same rules as
     * ops: each track, clip and marker is added as if by an op.
     */
    public static ProjectDocument fromSnapshot(JsonNode snapshot) {
        if (snapshot == null || !snapshot.isObject()) {
            throw OpRejected.invalid("a document is a JSON object");
        }
        ProjectDocument document = new ProjectDocument();
        for (JsonNode track : array(snapshot, "tracks")) {
            ObjectNode addTrack = track.isObject() ? ((ObjectNode) track).deepCopy() : NODES.objectNode();
            addTrack.remove("clips");
            addTrack.set("trackId", addTrack.remove("id"));
            document.addTrack(addTrack);
            for (JsonNode clip : array(track, "clips")) {
                ObjectNode addClip = clip.isObject() ? ((ObjectNode) clip).deepCopy() : NODES.objectNode();
                addClip.set("clipId", addClip.remove("id"));
                addClip.set("trackId", addTrack.get("trackId"));
                document.addClip(addClip);
            }
        }
        for (JsonNode marker : array(snapshot, "markers")) {
            ObjectNode addMarker = marker.isObject() ? ((ObjectNode) marker).deepCopy() : NODES.objectNode();
            addMarker.set("markerId", addMarker.remove("id"));
            document.addMarker(addMarker);
        }
        JsonNode transport = snapshot.path("transport");
        if (transport.isObject()) {
            document.transport = checkedTransport(transport);
        }
        for (JsonNode id : array(snapshot, "deleted")) {
            document.deleted.add(id(id, "deleted"));
        }
        return document;
    }

    private void addTrack(JsonNode op) {
        String id = newId(op, "trackId");
        ObjectNode track = NODES.objectNode()
                .put("id", id)
                .put("name", "Track")
                .put("volume", 1.0)
                .put("pan", 0.0)
                .put("mute", false)
                .put("solo", false);
        track.put("order", lastTrackOrder());
        copyProperties(op, track, TRACK, Set.of("kind", "trackId"));
        tracks.put(id, track);
    }

    private String lastTrackOrder() {
        String last = tracks.values().stream()
                .map(t -> t.get("order").asText())
                .max(String::compareTo)
                .orElse(null);
        return FractionalIndex.between(last, null);
    }

    private void removeTrack(JsonNode op) {
        String id = track(op, "trackId").get("id").asText();
        clips.values().removeIf(clip -> {
            boolean onTrack = clip.get("trackId").asText().equals(id);
            if (onTrack) {
                deleted.add(clip.get("id").asText());
            }
            return onTrack;
        });
        tombstone(tracks, tracks.get(id));
    }

    private void addClip(JsonNode op) {
        ObjectNode track = track(op, "trackId");
        String id = newId(op, "clipId");
        ObjectNode clip =
                NODES.objectNode().put("id", id).put("trackId", track.get("id").asText());
        clip.set("source", source(op.get("source")));
        clip.set("start", checked(CLIP, "start", required(op, "start")));
        clip.put("offset", 0.0);
        clip.set("duration", checked(CLIP, "duration", required(op, "duration")));
        clip.put("gain", 0.0).put("pitch", 0.0).put("tempo", 1.0);
        copyProperties(op, clip, CLIP, Set.of("kind", "clipId", "trackId", "source", "start", "duration"));
        clips.put(id, clip);
    }

    private void moveClip(JsonNode op) {
        ObjectNode clip = clip(op);
        JsonNode start = checked(CLIP, "start", required(op, "start"));
        String trackId = op.has("trackId")
                ? track(op, "trackId").get("id").asText()
                : clip.get("trackId").asText();
        clip.set("start", start);
        clip.put("trackId", trackId);
    }

    private void trimClip(JsonNode op) {
        ObjectNode clip = clip(op);
        Map<String, JsonNode> changes = new HashMap<>();
        for (String property : List.of("start", "offset", "duration")) {
            if (op.has(property)) {
                changes.put(property, checked(CLIP, property, op.get(property)));
            }
        }
        if (changes.isEmpty()) {
            throw OpRejected.invalid("trimClip needs start, offset or duration");
        }
        changes.forEach(clip::set);
    }

    private void addMarker(JsonNode op) {
        String id = newId(op, "markerId");
        ObjectNode marker = NODES.objectNode().put("id", id);
        marker.set("atSec", checked(MARKER, "atSec", required(op, "atSec")));
        marker.put("label", "").put("color", "#ffcc00");
        copyProperties(op, marker, MARKER, Set.of("kind", "markerId", "atSec"));
        markers.put(id, marker);
    }

    private void set(JsonNode op) {
        String target = text(op, "target");
        ObjectNode entity;
        Map<String, Property> schema;
        switch (target) {
            case "track" -> {
                entity = existing(tracks, op, "id", "track");
                schema = TRACK;
            }
            case "clip" -> {
                entity = existing(clips, op, "id", "clip");
                schema = CLIP;
            }
            case "marker" -> {
                entity = existing(markers, op, "id", "marker");
                schema = MARKER;
            }
            default -> throw OpRejected.invalid("target must be track, clip or marker");
        }
        setProperty(entity, schema, text(op, "property"), required(op, "value"));
    }

    private static void setProperty(ObjectNode entity, Map<String, Property> schema, String property, JsonNode value) {
        entity.set(property, checked(schema, property, value));
    }

    private void transport(JsonNode op, long now) {
        String action = text(op, "action");
        ObjectNode next = transport.deepCopy();
        double position = op.has("positionSec")
                ? checked(Property.number("positionSec", 0, MAX_SECONDS), op.get("positionSec"))
                : positionAt(now);
        switch (action) {
            case "play" -> next.put("playing", true);
            case "pause" -> next.put("playing", false);
            case "seek" -> {
                if (!op.has("positionSec")) {
                    throw OpRejected.invalid("seek needs positionSec");
                }
            }
            case "loop" -> next.set("loop", loop(op.get("loop")));
            default -> throw OpRejected.invalid("action must be play, pause, seek or loop");
        }
        next.put("positionSec", position).put("atServerTime", now);
        transport = next;
    }

    /** Where the playhead is at a server time: it moves from positionSec since atServerTime while playing. */
    private double positionAt(long now) {
        double position = transport.get("positionSec").asDouble();
        if (transport.get("playing").asBoolean()) {
            position += Math.max(0, now - transport.get("atServerTime").asLong()) / 1000.0;
        }
        return Math.min(position, MAX_SECONDS);
    }

    private static ObjectNode stoppedTransport() {
        ObjectNode transport =
                NODES.objectNode().put("playing", false).put("positionSec", 0.0).put("atServerTime", 0L);
        transport.putNull("loop");
        return transport;
    }

    private static ObjectNode checkedTransport(JsonNode given) {
        ObjectNode transport = stoppedTransport();
        if (given.has("playing")) {
            transport.set("playing", Property.bool("playing").check(given.get("playing")));
        }
        if (given.has("positionSec")) {
            transport.put(
                    "positionSec", checked(Property.number("positionSec", 0, MAX_SECONDS), given.get("positionSec")));
        }
        if (given.path("atServerTime").canConvertToLong()) {
            transport.put("atServerTime", given.get("atServerTime").asLong());
        }
        transport.set("loop", loop(given.get("loop")));
        return transport;
    }

    private static JsonNode loop(JsonNode loop) {
        if (loop == null || loop.isNull()) {
            return NODES.nullNode();
        }
        Property bound = Property.number("loop", 0, MAX_SECONDS);
        double start = checked(bound, loop.get("startSec"));
        double end = checked(bound, loop.get("endSec"));
        if (end <= start) {
            throw OpRejected.invalid("loop.endSec must be after loop.startSec");
        }
        return NODES.objectNode().put("startSec", start).put("endSec", end);
    }

    private static JsonNode source(JsonNode source) {
        if (source == null
                || !source.isObject()
                || !(source.has("uploadId") || source.has("stemId") || source.has("mashupId"))) {
            throw OpRejected.invalid("source must name an uploadId, stemId or mashupId");
        }
        ObjectNode checked = NODES.objectNode();
        source.fields().forEachRemaining(field -> {
            if (!SOURCE_KEYS.contains(field.getKey())) {
                throw OpRejected.invalid("source has no field \"" + field.getKey() + "\"");
            }
            checked.set(
                    field.getKey(),
                    Property.text("source." + field.getKey(), 1, 100).check(field.getValue()));
        });
        return checked;
    }

    private ObjectNode track(JsonNode op, String field) {
        return existing(tracks, op, field, "track");
    }

    private ObjectNode clip(JsonNode op) {
        return existing(clips, op, "clipId", "clip");
    }

    private ObjectNode existing(Map<String, ObjectNode> entities, JsonNode op, String field, String what) {
        String id = id(op.get(field), field);
        ObjectNode entity = entities.get(id);
        if (entity == null) {
            throw new OpRejected(
                    OpRejected.NOT_FOUND, "no " + what + " " + id + (deleted.contains(id) ? " (it was removed)" : ""));
        }
        return entity;
    }

    private String newId(JsonNode op, String field) {
        String id = id(op.get(field), field);
        if (deleted.contains(id) || tracks.containsKey(id) || clips.containsKey(id) || markers.containsKey(id)) {
            throw new OpRejected(OpRejected.CONFLICT, "the id " + id + " is taken");
        }
        return id;
    }

    private static String id(JsonNode value, String field) {
        if (value == null || !value.isTextual() || !ID.matcher(value.asText()).matches()) {
            throw OpRejected.invalid(field + " must be 1-64 letters, digits, '-' or '_'");
        }
        return value.asText();
    }

    private void tombstone(Map<String, ObjectNode> entities, ObjectNode entity) {
        String id = entity.get("id").asText();
        entities.remove(id);
        deleted.add(id);
    }

    private static void copyProperties(
            JsonNode op, ObjectNode entity, Map<String, Property> schema, Set<String> handled) {
        op.fields().forEachRemaining(field -> {
            if (!handled.contains(field.getKey())) {
                entity.set(field.getKey(), checked(schema, field.getKey(), field.getValue()));
            }
        });
    }

    private static JsonNode checked(Map<String, Property> schema, String property, JsonNode value) {
        Property rule = schema.get(property);
        if (rule == null) {
            throw OpRejected.invalid(
                    "unknown property \"" + property + "\"; settable: " + new TreeSet<>(schema.keySet()));
        }
        return rule.check(value);
    }

    private static double checked(Property rule, JsonNode value) {
        return rule.check(value).asDouble();
    }

    private static JsonNode required(JsonNode op, String field) {
        JsonNode value = op.get(field);
        if (value == null || value.isNull()) {
            throw OpRejected.invalid(field + " is required");
        }
        return value;
    }

    private static String text(JsonNode op, String field) {
        JsonNode value = required(op, field);
        if (!value.isTextual()) {
            throw OpRejected.invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw OpRejected.invalid(field + " must be an array");
        }
        return value;
    }

    private static Map<String, Property> properties(Property... properties) {
        Map<String, Property> byName = new HashMap<>();
        for (Property property : properties) {
            byName.put(property.name(), property);
        }
        return Map.copyOf(byName);
    }

    /** One settable property and its rule; numbers are kept as doubles so every copy renders alike. */
    private record Property(String name, char type, double min, double max, boolean minExclusive) {
        private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

        static Property number(String name, double min, double max) {
            return new Property(name, 'n', min, max, false);
        }

        static Property positive(String name, double max) {
            return new Property(name, 'n', 0, max, true);
        }

        static Property text(String name, int minLength, int maxLength) {
            return new Property(name, 't', minLength, maxLength, false);
        }

        static Property bool(String name) {
            return new Property(name, 'b', 0, 0, false);
        }

        static Property color(String name) {
            return new Property(name, 'c', 0, 0, false);
        }

        static Property order(String name) {
            return new Property(name, 'o', 0, 0, false);
        }

        JsonNode check(JsonNode value) {
            if (value == null || value.isNull()) {
                throw OpRejected.invalid(name + " is required");
            }
            return switch (type) {
                case 'n' -> {
                    if (!value.isNumber()
                            || !Double.isFinite(value.asDouble())
                            || value.asDouble() < min
                            || value.asDouble() > max
                            || (minExclusive && value.asDouble() <= min)) {
                        throw OpRejected.invalid(
                                name + " must be a number " + (minExclusive ? "above " : "from ") + min + " to " + max);
                    }
                    yield NODES.numberNode(value.asDouble());
                }
                case 't' -> {
                    if (!value.isTextual()
                            || value.asText().length() < min
                            || value.asText().length() > max) {
                        throw OpRejected.invalid(
                                name + " must be a string of " + (int) min + "-" + (int) max + " characters");
                    }
                    yield value;
                }
                case 'b' -> {
                    if (!value.isBoolean()) {
                        throw OpRejected.invalid(name + " must be true or false");
                    }
                    yield value;
                }
                case 'c' -> {
                    if (!value.isTextual() || !COLOR.matcher(value.asText()).matches()) {
                        throw OpRejected.invalid(name + " must be a colour like #1e90ff");
                    }
                    yield value;
                }
                default -> {
                    if (!value.isTextual() || !FractionalIndex.valid(value.asText())) {
                        throw OpRejected.invalid(name + " must be an order key: 1-64 of 0-9A-Za-z, not ending in 0");
                    }
                    yield value;
                }
            };
        }
    }
}
