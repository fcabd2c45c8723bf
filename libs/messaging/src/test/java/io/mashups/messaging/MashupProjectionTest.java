package io.mashups.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventData;
import io.mashups.events.EventType;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.events.audio.MashupChangedV1;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The shared projection of audio-pipeline's mashups, fed events in the orders Kafka may deliver them across its three
 * topics: every mashup ends as the newest events say, and listeners hear of each render, block and deletion exactly
 * once.
 */
@QuarkusTest
@QuarkusTestResource(value = MashupsTestEnvironment.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class MashupProjectionTest {
    private static final URI AUDIO = URI.create("/services/audio-pipeline");

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Test
    void mashupsEndAsTheNewestEventsSayWhateverTheOrderAndListenersHearOnce() throws Exception {
        String plain = "m-" + UUID.randomUUID();
        String changedFirst = "m-" + UUID.randomUUID();
        String deletedFirst = "m-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = EntitlementsProjectionTest.producer()) {
            send(producer, EventCatalog.MASHUP_RENDERED, plain, rendered(plain));
            send(producer, EventCatalog.MASHUP_RENDERED, plain, rendered(plain)); // a retried job renders it again
            send(producer, EventCatalog.MASHUP_CHANGED, plain, changed(plain, "Night Drive", "public", false));
            send(producer, EventCatalog.ATTRIBUTION_VERDICT, plain, verdict(plain, "blocked", 2000));
            send(producer, EventCatalog.ATTRIBUTION_VERDICT, plain, verdict(plain, "allowed", 1000)); // older

            send(
                    producer,
                    EventCatalog.MASHUP_CHANGED,
                    changedFirst,
                    changed(changedFirst, "Renamed", "public", false));
            send(producer, EventCatalog.MASHUP_RENDERED, changedFirst, rendered(changedFirst));

            send(producer, EventCatalog.MASHUP_CHANGED, deletedFirst, changed(deletedFirst, "x", "private", true));
            send(producer, EventCatalog.MASHUP_RENDERED, deletedFirst, rendered(deletedFirst));
            send(producer, EventCatalog.MASHUP_CHANGED, plain, changed(plain, "Night Drive", "public", true));
            send(producer, EventCatalog.MASHUP_RENDERED, plain, rendered(plain)); // a late copy of the render
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals("Night Drive|public|t|blocked|a", row(plain));
            assertEquals("Renamed|public|f||a", row(changedFirst));
            assertEquals("null|private|t||-", row(deletedFirst), "a tombstone");
        });
        // whether the blocking verdict came before the render or after it (then "blocked" between) is Kafka's choice
        assertEquals(
                List.of("rendered", "deleted"),
                calls(plain).stream().filter(call -> !call.equals("blocked")).toList());
        assertEquals(List.of("rendered"), calls(changedFirst));
        assertEquals(List.of(), calls(deletedFirst), "never rendered as far as listeners know");
    }

    @Test
    void listenersHearOfABlockOnceWhileTheMashupExists() throws Exception {
        String id = "m-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = EntitlementsProjectionTest.producer()) {
            send(producer, EventCatalog.MASHUP_RENDERED, id, rendered(id));
            await().atMost(Duration.ofSeconds(60)).until(() -> calls(id).equals(List.of("rendered")));
            send(producer, EventCatalog.ATTRIBUTION_VERDICT, id, verdict(id, "blocked", 1000));
            send(producer, EventCatalog.ATTRIBUTION_VERDICT, id, verdict(id, "blocked", 2000)); // upheld on dispute
            send(producer, EventCatalog.ATTRIBUTION_VERDICT, id, verdict(id, "allowed", 3000));
            await().atMost(Duration.ofSeconds(60)).until(() -> row(id).endsWith("|allowed|a"));
        }
        assertEquals(List.of("rendered", "blocked"), calls(id));
    }

    private static MashupRenderedV1 rendered(String id) {
        return new MashupRenderedV1(
                id, "owner", id, "As rendered", List.of("u1", "u2"), "mashups/" + id, "m4a", 20, 120, "C", "private");
    }

    private static MashupChangedV1 changed(String id, String title, String visibility, boolean deleted) {
        return new MashupChangedV1(id, "owner", title, visibility, deleted);
    }

    private static AttributionVerdictV1 verdict(String id, String verdict, long epochSecond) {
        return new AttributionVerdictV1(id, "owner", verdict, null, null, Instant.ofEpochSecond(epochSecond));
    }

    private static <T extends EventData> void send(
            KafkaProducer<String, byte[]> producer, EventType<T> type, String id, T data) throws Exception {
        CloudEvent event = CloudEvent.of(type, AUDIO, id, data);
        EntitlementsProjectionTest.send(producer, id, event.data(), event);
    }

    /** title|visibility|deleted|verdict|a (has audio) or - (no audio yet). */
    private String row(String id) throws SQLException {
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var s = c.prepareStatement("SELECT title, visibility, deleted, verdict, audio_key IS NOT NULL"
                        + " FROM known_mashups WHERE id = ?")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            if (!rs.next()) {
                return "missing";
            }
            return rs.getString(1) + "|" + rs.getString(2) + "|" + (rs.getBoolean(3) ? "t" : "f") + "|"
                    + (rs.getString(4) == null ? "" : rs.getString(4)) + "|" + (rs.getBoolean(5) ? "a" : "-");
        }
    }

    private List<String> calls(String id) throws SQLException {
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var s = c.prepareStatement("SELECT call FROM mashup_calls WHERE mashup_id = ? ORDER BY ctid")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            List<String> calls = new java.util.ArrayList<>();
            while (rs.next()) {
                calls.add(rs.getString(1));
            }
            return calls;
        }
    }
}
