package io.mashups.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCatalogTest {
    private static final URI SOURCE = URI.create("/services/test");

    static Stream<EventType<?>> allTypes() {
        return EventCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void everyTypeRoundTripsThroughBinaryHeadersAndJson(EventType<?> type) {
        roundTrip(type);
    }

    private static <T extends EventData> void roundTrip(EventType<T> type) {
        T data = type.dataClass().cast(SampleRecords.sample(type.dataClass(), 1));
        CloudEvent sent = CloudEvent.of(type, SOURCE, "subject-1", data);

        CloudEvent received = CloudEvent.fromHeaders(sent.headers(), sent.data());

        assertEquals(sent, received);
        assertEquals(data, received.dataAs(type));
        assertTrue(received.is(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void readerIgnoresFieldsItDoesNotKnow(EventType<?> type) throws Exception {
        Object data = SampleRecords.sample(type.dataClass(), 2);
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(data));
        json.put("addedInALaterVersion", "ignored");
        json.putObject("nestedNewThing").put("x", 1);

        Object read = EventJson.read(EventJson.mapper().writeValueAsBytes(json), type.dataClass());

        assertEquals(data, read);
    }

    @Test
    void typeNamesAreVersionedAndUnique() {
        Set<String> names = new HashSet<>();
        for (EventType<?> type : EventCatalog.all()) {
            assertTrue(type.name().matches("io\\.mashups\\.[a-z-]+\\.[a-z-]+\\.v\\d+"), type.name());
            assertTrue(names.add(type.name()), "duplicate " + type.name());
            assertEquals(type, EventCatalog.byName(type.name()).orElseThrow());
        }
    }

    @Test
    void everyTopicHasAnOwnerPrefixAndAType() throws Exception {
        Set<String> topicsWithTypes = new HashSet<>();
        EventCatalog.all().forEach(t -> topicsWithTypes.add(t.topic()));
        for (var field : Topics.class.getFields()) {
            if (field.get(null) instanceof String topic) {
                assertTrue(topic.matches("[a-z]+(-[a-z]+)?\\.[a-z-]+"), topic);
                assertTrue(
                        topicsWithTypes.contains(topic) || Topics.SERVICE_LOGS.contains(topic),
                        "no event type is published on " + topic);
            }
        }
    }

    @Test
    void entitlementsCarryTheTierTable() {
        EntitlementsV1 pro = new EntitlementsV1(
                "u1", Tier.PRO, "active", Limits.of(Tier.PRO), 3, Instant.parse("2026-11-25T10:00:00Z"));
        CloudEvent event = CloudEvent.of(EventCatalog.ENTITLEMENTS, SOURCE, "u1", pro);

        String json = event.dataAsString();

        assertTrue(json.contains("\"aiGenerationsPerMonth\":20"), json);
        assertTrue(json.contains("\"updatedAt\":\"2026-11-25T10:00:00Z\""), json);
        assertEquals(3, Limits.of(Tier.FREE).mashupsPerMonth());
        assertEquals(null, Limits.of(Tier.STUDIO).aiGenerationsPerMonth());
    }

    @Test
    void messageWithoutSpecVersionOrIdIsRejected() {
        CloudEvent event = CloudEvent.of(
                EventCatalog.TRENDS_UPDATED,
                SOURCE,
                "spotify",
                new io.mashups.events.trends.TrendsUpdatedV1(
                        "sweep-1", "cron", Instant.now(), Instant.now(), List.of(), List.of()));
        Map<String, String> noVersion = new java.util.HashMap<>(event.headers());
        noVersion.remove(CloudEvent.HEADER_SPEC_VERSION);
        Map<String, String> noId = new java.util.HashMap<>(event.headers());
        noId.remove(CloudEvent.HEADER_ID);

        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromHeaders(noVersion, event.data()));
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.fromHeaders(noId, event.data()));
    }

    @Test
    void dataOfAnotherTypeIsRefused() {
        CloudEvent event = CloudEvent.of(
                EventCatalog.TRENDS_UPDATED,
                SOURCE,
                "spotify",
                new io.mashups.events.trends.TrendsUpdatedV1(
                        "sweep-1", "cron", Instant.now(), Instant.now(), List.of(), List.of()));

        assertThrows(IllegalArgumentException.class, () -> event.dataAs(EventCatalog.ENTITLEMENTS));
        assertThrows(
                EventJson.MalformedEventException.class,
                () -> EventJson.read("{\"tier\":42}".getBytes(), EntitlementsV1.class));
    }

    /** Builds a record with every component filled, so new event types are covered without new test code. */
    static final class SampleRecords {
        static Object sample(Type type, int seed) {
            if (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                if (List.class.isAssignableFrom(raw)) {
                    return List.of(sample(args[0], seed), sample(args[0], seed + 1));
                }
                if (Map.class.isAssignableFrom(raw)) {
                    return Map.of("k" + seed, sample(args[1] == Object.class ? String.class : args[1], seed));
                }
                throw new IllegalArgumentException("no sample for " + type);
            }
            Class<?> c = (Class<?>) type;
            if (c == String.class) return "text-" + seed;
            if (c == int.class || c == Integer.class) return 7 + seed;
            if (c == long.class || c == Long.class) return 1_000_000_000_000L + seed;
            if (c == double.class || c == Double.class) return 120.5 + seed;
            if (c == boolean.class || c == Boolean.class) return seed % 2 == 1;
            if (c == Instant.class)
                return Instant.parse("2026-11-25T10:15:30.123Z").plusSeconds(seed);
            if (c.isEnum()) return c.getEnumConstants()[seed % c.getEnumConstants().length];
            if (c == com.fasterxml.jackson.databind.JsonNode.class)
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("tracks", seed);
            if (c.isRecord()) {
                RecordComponent[] components = c.getRecordComponents();
                Object[] values = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    values[i] = sample(components[i].getGenericType(), seed + i);
                    types[i] = components[i].getType();
                }
                try {
                    return c.getDeclaredConstructor(types).newInstance(values);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalArgumentException("no sample for " + c);
        }
    }
}
