package io.mashups.studio.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/** Studio ops as clients send them, and random ones for property tests. */
public final class Ops {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ObjectNode addTrack(String trackId, String name) {
        return op("addTrack").put("trackId", trackId).put("name", name);
    }

    public static ObjectNode addClip(String trackId, String clipId, double start, double duration) {
        ObjectNode op = op("addClip")
                .put("trackId", trackId)
                .put("clipId", clipId)
                .put("start", start)
                .put("duration", duration);
        op.putObject("source").put("uploadId", "upload-1");
        return op;
    }

    public static ObjectNode set(String target, String id, String property, Object value) {
        ObjectNode op = op("set").put("target", target).put("id", id).put("property", property);
        op.set("value", JSON.valueToTree(value));
        return op;
    }

    public static ObjectNode op(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }

    /**
     * A random op over a small id space, so clients collide: the same tracks and clips are added, moved, changed and
     * removed by several clients at once (many of these are refused, as they must be, by everyone alike).
     */
    public static JsonNode random(Random random) {
        String track = "t" + random.nextInt(4);
        String clip = "c" + random.nextInt(8);
        String marker = "m" + random.nextInt(3);
        return switch (random.nextInt(12)) {
            case 0, 1 -> addTrack(track + "-" + random.nextInt(3), "Track " + random.nextInt(100));
            case 2 -> op("removeTrack").put("trackId", track + "-" + random.nextInt(3));
            case 3 ->
                op("moveTrack")
                        .put("trackId", track + "-" + random.nextInt(3))
                        .put("order", List.of("a", "b", "c", "h", "V", "k1").get(random.nextInt(6)));
            case 4, 5 ->
                addClip(
                        track + "-" + random.nextInt(3),
                        clip + "-" + random.nextInt(4),
                        random.nextInt(64),
                        1 + random.nextInt(8));
            case 6 ->
                op("moveClip")
                        .put("clipId", clip + "-" + random.nextInt(4))
                        .put("start", random.nextInt(64))
                        .put("trackId", track + "-" + random.nextInt(3));
            case 7 ->
                op("trimClip")
                        .put("clipId", clip + "-" + random.nextInt(4))
                        .put("offset", random.nextInt(4))
                        .put("duration", 1 + random.nextInt(8));
            case 8 -> op("removeClip").put("clipId", clip + "-" + random.nextInt(4));
            case 9 ->
                set(
                        "track",
                        track + "-" + random.nextInt(3),
                        List.of("volume", "pan", "mute", "name").get(random.nextInt(4)),
                        List.of(0.5, -0.25, true, "Renamed").get(random.nextInt(4)));
            case 10 ->
                random.nextBoolean()
                        ? op("addMarker")
                                .put("markerId", marker)
                                .put("atSec", random.nextInt(100))
                                .put("label", "drop")
                        : op("removeMarker").put("markerId", marker);
            default ->
                op("transport")
                        .put("action", List.of("play", "pause", "seek").get(random.nextInt(3)))
                        .put("positionSec", random.nextInt(200));
        };
    }

    private Ops() {}
}
