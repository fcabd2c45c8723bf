package io.mashups.audio.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.audio.render.ProjectMixdown;
import io.mashups.audio.stems.Stem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What of a studio document sounds: the clips of unmuted tracks (of the soloed ones when any is soloed), each with
 * its source and its track's volume and pan. The studio checked every value when it applied the ops.
 */
final class Arrangement {
    private Arrangement() {}

    /** A clip before its source is found: the studio's {@code source} object, its stem and how it plays. */
    record ClipSpec(JsonNode source, Stem stem, ProjectMixdown.Playing playing) {}

    static List<ClipSpec> clips(JsonNode document) {
        List<JsonNode> tracks = new ArrayList<>();
        document.path("tracks").forEach(tracks::add);
        boolean anySolo = tracks.stream().anyMatch(track -> track.path("solo").asBoolean(false));
        List<ClipSpec> clips = new ArrayList<>();
        for (JsonNode track : tracks) {
            if (track.path("mute").asBoolean(false)
                    || (anySolo && !track.path("solo").asBoolean(false))) {
                continue;
            }
            for (JsonNode clip : track.path("clips")) {
                JsonNode source = clip.path("source");
                clips.add(new ClipSpec(
                        source,
                        stemOf(source).orElse(Stem.OTHER),
                        new ProjectMixdown.Playing(
                                clip.path("start").asDouble(0),
                                clip.path("offset").asDouble(0),
                                clip.path("duration").asDouble(0),
                                clip.path("gain").asDouble(0),
                                clip.path("pitch").asDouble(0),
                                clip.path("tempo").asDouble(1),
                                clip.path("fadeIn").asDouble(0),
                                clip.path("fadeOut").asDouble(0),
                                track.path("volume").asDouble(1),
                                track.path("pan").asDouble(0))));
            }
        }
        return clips;
    }

    /** The stem a mashup-stem source names; empty for other sources (an upload plays on "other"). */
    private static Optional<Stem> stemOf(JsonNode source) {
        String stem = source.path("stem").asText("");
        return Arrays.stream(Stem.values()).filter(s -> s.wire().equals(stem)).findFirst();
    }
}
