package io.mashups.analyticsingest.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.analyticsingest.capture.RawEvents;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventJson;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.messaging.KafkaRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The rollup topology against the plain computation ({@link BruteForce}) over generated traffic, and against itself
 * with the same events in other orders and with repeats.
 */
class RollupTopologyTest {
    static final int DAILY_CAP = 3;
    static final RollupSettings SETTINGS = new RollupSettings(
            "raw",
            "rollups",
            new ListeningRules(30_000, DAILY_CAP),
            Duration.ofMinutes(30),
            // the generated traffic spans three days and some hours; any order within them is within the lateness
            Duration.ofDays(4),
            Duration.ofDays(4));

    /** The figures a dashboard reads from a mashup's day. */
    record Figures(
            long plays,
            long listeners,
            long sessions,
            long listenedMs,
            List<Long> stillListening,
            Map<String, Long> sources) {
        static Figures of(Tally day) {
            List<Long> still = new ArrayList<>(Collections.nCopies(Tally.POINTS, 0L));
            long sum = 0;
            for (int k = Tally.POINTS - 1; k >= 0; k--) {
                sum += day.points().get(k);
                still.set(k, sum);
            }
            return new Figures(day.plays(), day.listeners(), day.sessions(), day.listenedMs(), still, day.sources());
        }

        static Figures of(BruteForce.Day day) {
            return new Figures(
                    day.plays(),
                    day.listeners(),
                    day.sessions(),
                    day.listenedMs(),
                    day.stillListening(),
                    day.sources());
        }
    }

    @Test
    void agreesWithTheBruteForceComputationOverTenThousandSessions() throws Exception {
        List<AnalyticsEventV1> events = GeneratedTraffic.generate(22, 10_000);
        // as a broker delivers them: roughly by arrival, players' batches overlapping
        List<AnalyticsEventV1> delivered = new ArrayList<>(events);
        delivered.sort(Comparator.comparing(AnalyticsEventV1::receivedAt));
        shuffleLocally(delivered, new Random(7), 200);

        Map<String, Map<String, Object>> actual = rollups(delivered);

        List<BruteForce.Session> sessions = BruteForce.sessions(events, 30 * 60_000, 30_000);
        Map<String, Figures> expectedDays = new TreeMap<>();
        BruteForce.days(sessions, DAILY_CAP).forEach((key, day) -> expectedDays.put(key, Figures.of(day)));
        Map<String, Figures> actualDays = new TreeMap<>();
        actual.get(RollupTopology.MASHUP_DAY).forEach((key, day) -> actualDays.put(key, Figures.of((Tally) day)));
        assertSame("mashup days", expectedDays, actualDays);
        assertSame(
                "unique listeners", BruteForce.uniqueListeners(sessions), actual.get(RollupTopology.MASHUP_LISTENERS));
        assertSame(
                "likes",
                BruteForce.standing(events, AnalyticsEventV1.LIKE, AnalyticsEventV1.UNLIKE, false),
                actual.get(RollupTopology.MASHUP_LIKES));
        assertSame(
                "follows",
                BruteForce.standing(events, AnalyticsEventV1.FOLLOW, AnalyticsEventV1.UNFOLLOW, true),
                actual.get(RollupTopology.CREATOR_FOLLOWERS));
        assertSame("shares and comments", BruteForce.reactions(events), actual.get(RollupTopology.MASHUP_REACTIONS));

        // the traffic has what it claims: sessions cut by long pauses, capped listeners, plays under 30 s
        assertTrue(sessions.size() > 10_000, "pauses past the gap split sessions: " + sessions.size());
        long counted = sessions.stream().filter(BruteForce.Session::counted).count();
        assertTrue(counted > 2_000 && counted < sessions.size() - 2_000, counted + " plays");
        assertTrue(
                expectedDays.values().stream().anyMatch(day -> day.plays() < day.sessions()),
                "some days have capped or uncounted sessions");
        assertTrue(
                BruteForce.playingPerMinute(sessions).values().stream().anyMatch(n -> n > 3),
                "some minutes have several listeners");
    }

    @Test
    void theSameEventsInAnyOrderAndRepeatedGiveTheSameRollups() throws Exception {
        List<AnalyticsEventV1> events = GeneratedTraffic.generate(5, 600);
        Map<String, Map<String, Object>> inOrder = rollups(events);
        for (long seed = 1; seed <= 2; seed++) {
            List<AnalyticsEventV1> shuffled = new ArrayList<>(events);
            Random random = new Random(seed);
            Collections.shuffle(shuffled, random);
            // a client retrying part of what it sent
            shuffled.addAll(shuffled.subList(0, random.nextInt(shuffled.size())));
            assertEquals(inOrder, rollups(shuffled), "order " + seed);
        }
    }

    @Test
    void anErasedUsersEventsLeaveTheRollupsAndNoStoreKeepsTheirId() throws Exception {
        List<AnalyticsEventV1> events = new ArrayList<>(GeneratedTraffic.generate(9, 1_500));
        events.sort(Comparator.comparing(AnalyticsEventV1::receivedAt));
        Map<String, Long> eventsByUser = new TreeMap<>();
        events.stream()
                .filter(event -> event.userId() != null)
                .forEach(event -> eventsByUser.merge(event.userId(), 1L, Long::sum));
        String erased = Collections.max(eventsByUser.entrySet(), Map.Entry.comparingByValue())
                .getKey();
        Instant last = events.get(events.size() - 1).clientTime();
        List<AnalyticsEventV1> withErasure = new ArrayList<>(events);
        withErasure.add(AnalyticsEventV1.userErased("erasure-1", erased, "erasure", last));
        List<String> storesWithTheUser = new ArrayList<>();

        Map<String, Map<String, Object>> erasedRollups = rollups(
                withErasure,
                driver -> driver.getAllStateStores().forEach((name, store) -> {
                    if (store instanceof KeyValueStore<?, ?> table) {
                        try (KeyValueIterator<?, ?> entries = table.all()) {
                            entries.forEachRemaining(entry -> {
                                if (List.of(Keys.parts(entry.key.toString())).contains(erased)) {
                                    storesWithTheUser.add(name + ": " + entry.key);
                                }
                            });
                        }
                    }
                }));

        assertTrue(eventsByUser.get(erased) > 20, "the erased user had " + eventsByUser.get(erased) + " events");
        assertEquals(
                rollups(events.stream()
                        .filter(event -> !erased.equals(event.userId()))
                        .toList()),
                erasedRollups);
        assertEquals(List.of(), storesWithTheUser);
    }

    /** Swaps each event with one up to {@code reach} places away. */
    private static void shuffleLocally(List<AnalyticsEventV1> events, Random random, int reach) {
        for (int i = 0; i < events.size(); i++) {
            int j = Math.min(events.size() - 1, i + random.nextInt(reach));
            Collections.swap(events, i, j);
        }
    }

    private static <V> void assertSame(String what, Map<String, V> expected, Map<String, ?> actual) {
        Map<String, String> differences = new TreeMap<>();
        expected.forEach((key, value) -> {
            if (!value.equals(actual.get(key))) {
                differences.put(key, "expected " + value + " but got " + actual.get(key));
            }
        });
        actual.forEach((key, value) -> {
            if (!expected.containsKey(key)) {
                differences.put(key, "unexpected " + value);
            }
        });
        assertTrue(
                differences.isEmpty(),
                what + ": " + differences.size() + " of " + expected.size() + " differ, e.g. "
                        + differences.entrySet().stream().limit(3).toList());
    }

    @Test
    void recordsThatAreNoAnalyticsEventsAreSkipped() throws Exception {
        List<AnalyticsEventV1> events = GeneratedTraffic.generate(3, 200);
        AnalyticsEventV1 share = events.stream()
                .filter(event -> AnalyticsEventV1.SHARE.equals(event.type()))
                .findFirst()
                .orElseThrow();
        AnalyticsEventV1 elsewhere = new AnalyticsEventV1(
                share.eventId() + "-elsewhere",
                share.type(),
                "mashup-elsewhere",
                share.creatorId(),
                share.userId(),
                share.deviceId(),
                share.sessionId(),
                share.positionSec(),
                share.trackLengthSec(),
                share.platform(),
                share.source(),
                share.referrerHost(),
                share.country(),
                share.agentClass(),
                share.tier(),
                share.clientTime(),
                share.receivedAt());
        ProducerRecord<String, byte[]> untyped = record(SETTINGS.rawTopic(), elsewhere);
        untyped.headers().remove(CloudEvent.HEADER_TYPE);
        ProducerRecord<String, byte[]> otherType = record(SETTINGS.rawTopic(), elsewhere);
        otherType.headers().remove(CloudEvent.HEADER_TYPE);
        otherType.headers().add(CloudEvent.HEADER_TYPE, "audio.mashup-rendered.v1".getBytes(StandardCharsets.UTF_8));
        List<ProducerRecord<String, byte[]>> foreign = new ArrayList<>(List.of(untyped, otherType));
        for (String data : List.of("{not json", "[]", "")) {
            ProducerRecord<String, byte[]> record = record(SETTINGS.rawTopic(), elsewhere);
            foreign.add(new ProducerRecord<>(
                    record.topic(),
                    null,
                    record.timestamp(),
                    record.key(),
                    data.getBytes(StandardCharsets.UTF_8),
                    record.headers()));
        }

        Map<String, Map<String, Object>> clean = rollups(events);
        assertEquals(clean, rollups(foreign, events, driver -> {}));
        // the same event as an analytics event is counted: the records above were skipped, not empty
        List<AnalyticsEventV1> withIt = new ArrayList<>(events);
        withIt.add(elsewhere);
        assertTrue(rollups(withIt).get(RollupTopology.MASHUP_REACTIONS).keySet().stream()
                .anyMatch(key -> key.startsWith("mashup-elsewhere ")));
    }

    /** The final rollups by kind and key, as the topology streams them, empty ones left out. */
    static Map<String, Map<String, Object>> rollups(List<AnalyticsEventV1> events) throws Exception {
        return rollups(events, driver -> {});
    }

    /** The final rollups; {@code inspect} sees the topology's stores at the end. */
    static Map<String, Map<String, Object>> rollups(List<AnalyticsEventV1> events, Consumer<TopologyTestDriver> inspect)
            throws Exception {
        return rollups(List.of(), events, inspect);
    }

    /** The final rollups of {@code events} after the raw records {@code before}. */
    static Map<String, Map<String, Object>> rollups(
            List<ProducerRecord<String, byte[]>> before,
            List<AnalyticsEventV1> events,
            Consumer<TopologyTestDriver> inspect)
            throws Exception {
        Path state = Files.createTempDirectory("rollups");
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollup-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        Map<String, Map<String, Object>> rollups = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RollupTopology.build(SETTINGS, new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers()), properties)) {
            var input = driver.createInputTopic(SETTINGS.rawTopic(), new StringSerializer(), new ByteArraySerializer());
            before.forEach(record -> input.pipeInput(
                    new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp())));
            int piped = 0;
            for (AnalyticsEventV1 event : events) {
                ProducerRecord<String, byte[]> record = record(SETTINGS.rawTopic(), event);
                input.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), event.receivedAt()));
                if (++piped % 500 == 0) {
                    // changed listener-days go downstream on the wall clock's ticks: some go on several times
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                }
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            var output = driver.createOutputTopic(
                    SETTINGS.rollupTopic(), new StringDeserializer(), new ByteArrayDeserializer());
            rollups.putAll(decode(output.readKeyValuesToMap()));
            inspect.accept(driver);
        }
        return rollups;
    }

    /** The latest value of each rollup key, by kind and key, empty ones left out. */
    static Map<String, Map<String, Object>> decode(Map<String, byte[]> latest) {
        Map<String, Map<String, Object>> rollups = new HashMap<>();
        latest.forEach((key, value) -> {
            int space = key.indexOf(' ');
            String kind = key.substring(0, space);
            Object rollup = EventJson.read(value, type(kind));
            if (!empty(rollup)) {
                rollups.computeIfAbsent(kind, k -> new HashMap<>()).put(key.substring(space + 1), rollup);
            }
        });
        return rollups;
    }

    /** An event as capture writes it to the raw topic. */
    static ProducerRecord<String, byte[]> record(String topic, AnalyticsEventV1 event) {
        CloudEvent cloudEvent = RawEvents.cloudEvent(event, event.receivedAt());
        ProducerRecord<String, byte[]> record = KafkaRecords.producerRecord(topic, cloudEvent);
        return new ProducerRecord<>(
                topic, null, event.receivedAt().toEpochMilli(), record.key(), record.value(), record.headers());
    }

    private static Class<?> type(String kind) {
        return switch (kind) {
            case RollupTopology.MASHUP_DAY -> Tally.class;
            case RollupTopology.MASHUP_REACTIONS -> Reactions.class;
            default -> Long.class;
        };
    }

    private static boolean empty(Object rollup) {
        return rollup.equals(0L) || rollup.equals(Reactions.NONE) || rollup.equals(Tally.NONE);
    }
}
