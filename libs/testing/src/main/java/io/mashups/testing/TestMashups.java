package io.mashups.testing;

import static org.awaitility.Awaitility.await;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupRenderedV1;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Mashups as audio-pipeline announces them, known to a service once its shared mashup projection has them. */
public final class TestMashups {
    private TestMashups() {}

    public static String rendered(String schema, String owner, String visibility) throws Exception {
        return rendered(schema, owner, visibility, List.of("a", "b"));
    }

    public static String rendered(String schema, String owner, String visibility, List<String> sources)
            throws Exception {
        String id = UUID.randomUUID().toString();
        TestEvents.publish(
                EventCatalog.MASHUP_RENDERED,
                id,
                new MashupRenderedV1(
                        id, owner, id, "Mix of " + owner, sources, "mashups/" + id, "mp3", 90, 120, "C", visibility));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM known_mashups WHERE audio_key IS NOT NULL AND id = '" + id + "'")
                        == 1);
        return id;
    }
}
