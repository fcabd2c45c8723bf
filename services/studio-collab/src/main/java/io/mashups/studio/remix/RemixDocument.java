package io.mashups.studio.remix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.events.audio.RemixStartedV1;
import java.util.List;

/**
 * A remix's starting document: one track per stem of the mashup (vocals, drums, bass, other, in that order), each with
 * one clip of the whole stem from the start, its source the mashup's stem.
 */
public final class RemixDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> STEMS = List.of("vocals", "drums", "bass", "other");

    private RemixDocument() {}

    public static ObjectNode of(RemixStartedV1 remix) {
        ObjectNode document = NODES.objectNode();
        ArrayNode tracks = document.putArray("tracks");
        for (String stem : STEMS) {
            if (!remix.stems().containsKey(stem)) {
                continue;
            }
            ObjectNode track = tracks.addObject()
                    .put("id", stem)
                    .put("name", Character.toUpperCase(stem.charAt(0)) + stem.substring(1));
            ObjectNode clip = track.putArray("clips")
                    .addObject()
                    .put("id", stem + "-1")
                    .put("start", 0.0)
                    .put("duration", remix.durationSec())
                    .put("name", stem);
            clip.putObject("source").put("mashupId", remix.mashupId()).put("stem", stem);
        }
        document.putArray("markers");
        return document;
    }
}
