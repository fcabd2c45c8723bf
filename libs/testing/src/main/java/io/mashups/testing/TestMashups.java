package io.mashups.testing;

import static org.awaitility.Awaitility.await;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupRenderedV1;
import java.time.Duration;
import java.time.Instant;
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
        return rendered(schema, owner, visibility, sources, Instant.now());
    }

    /** A mashup rendered at a test clock's instant: its event's time is when it was stored. */
    public static String rendered(String schema, String owner, String visibility, Instant at) throws Exception {
        return rendered(schema, owner, visibility, List.of("a", "b"), at);
    }

    private static String rendered(String schema, String owner, String visibility, List<String> sources, Instant at)
            throws Exception {
        String id = UUID.randomUUID().toString();
        TestEvents.publishAll(List.of(TestEvents.eventAt(
                EventCatalog.MASHUP_RENDERED,
                id,
                new MashupRenderedV1(
                        id, owner, id, "Mix of " + owner, sources, "mashups/" + id, "mp3", 90, 120, "C", visibility),
                at)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM known_mashups WHERE audio_key IS NOT NULL AND id = '" + id + "'")
                        == 1);
        return id;
    }
}
