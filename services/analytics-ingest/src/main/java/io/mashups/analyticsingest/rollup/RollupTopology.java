package io.mashups.analyticsingest.rollup;

import static io.mashups.events.analytics.AnalyticsEventV1.COMMENT;
import static io.mashups.events.analytics.AnalyticsEventV1.FOLLOW;
import static io.mashups.events.analytics.AnalyticsEventV1.LIKE;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAYS;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAY_END;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAY_PROGRESS;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAY_START;
import static io.mashups.events.analytics.AnalyticsEventV1.SHARE;
import static io.mashups.events.analytics.AnalyticsEventV1.UNFOLLOW;
import static io.mashups.events.analytics.AnalyticsEventV1.UNLIKE;

import io.mashups.analyticsingest.IngestConfig;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventJson;
import io.mashups.events.analytics.AnalyticsEventV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jboss.logging.Logger;

/**
 * The rollups, one Kafka Streams topology over {@code analytics.events}: listening sessions stitched per listener,
 * device and mashup (session windows), their listener-days and mashup-days; unique listeners per mashup; likes and
 * follows with their undos; shares and comments. Every result table streams its changes to the rollup topic, keyed
 * {@code "<kind> <key>"}, whole values as JSON each time, so applying them again is harmless.
 */
@ApplicationScoped
public class RollupTopology {
    /** Mashup-days of listening: {@link Tally}, key {@code mashup day}. */
    public static final String MASHUP_DAY = "mashup-day";
    /** Listeners playing in a minute: a count, key {@code mashup epoch-minute}. */
    public static final String MASHUP_MINUTE = "mashup-minute";
    /** Listeners with at least one play, ever: a count, key {@code mashup}. */
    public static final String MASHUP_LISTENERS = "mashup-listeners";
    /** Likes standing, by the day of the like: a count, key {@code mashup day}. */
    public static final String MASHUP_LIKES = "mashup-likes";
    /** {@link Reactions}, key {@code mashup day}. */
    public static final String MASHUP_REACTIONS = "mashup-reactions";
    /** Follows standing, by the day of the follow: a count, key {@code creator day}. */
    public static final String CREATOR_FOLLOWERS = "creator-followers";

    private static final Logger LOG = Logger.getLogger(RollupTopology.class);
    private static final String SEEN = "seen-events";
    private static final String PLAYING = "playing-minutes";
    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<Long> COUNTS = Serdes.Long();
    /** Tallies on the rollup topic, as JSON; inside the topology, {@link ListeningSerde#tallies()}. */
    private static final Serde<Tally> TALLIES = JsonSerde.of(Tally.class);

    private static final Serde<Tally> TALLY_STATE = ListeningSerde.tallies();
    private static final Serde<Toggle> TOGGLES = JsonSerde.of(Toggle.class);
    private static final String PERSON_REACTIONS = "person-reactions";
    /** The events whose every repeat would count again, so whose ids are remembered. */
    private static final Set<String> COUNTED_PER_EVENT = Set.of(SHARE, COMMENT);
    /** What the person stage keeps: plays, likes, follows, shares and comments, and erasures. */
    private static final Set<String> PERSONAL = Set.of(
            PLAY_START,
            PLAY_PROGRESS,
            PLAY_END,
            LIKE,
            UNLIKE,
            FOLLOW,
            UNFOLLOW,
            SHARE,
            COMMENT,
            AnalyticsEventV1.USER_ERASED);

    @Produces
    Topology topology(IngestConfig config) {
        return build(RollupSettings.of(config), new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers());
    }

    /** The topology, its state in {@code stores}: RocksDB in production, memory where a test drives it. */
    public static Topology build(RollupSettings settings, DslStoreSuppliers stores) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(stores, SEEN, COUNTS));
        KStream<String, AnalyticsEventV1> events = builder.stream(
                        settings.rawTopic(), Consumed.with(KEYS, Serdes.ByteArray()))
                .processValues(() -> new FirstSeen(settings.dedupWindow()), SEEN);
        // a person's state about a subject stays in the subject's partition (the raw topic's key), under a key
        // prefix of the person: an erasure, written to every partition, finds it there (moving each event to a
        // partition of its person instead cost a write and a read of every event)
        KStream<String, AnalyticsEventV1> byPerson = events.filter((key, event) -> PERSONAL.contains(event.type()))
                .selectKey((key, event) -> Keys.person(event));

        listening(builder, byPerson, settings, stores);
        toggles(
                builder,
                byPerson,
                Set.of(LIKE, UNLIKE),
                AnalyticsEventV1::mashupId,
                "likes",
                MASHUP_LIKES,
                settings,
                stores);
        toggles(
                builder,
                byPerson,
                Set.of(FOLLOW, UNFOLLOW),
                AnalyticsEventV1::creatorId,
                "follows",
                CREATOR_FOLLOWERS,
                settings,
                stores);
        Serde<Reactions> reactions = JsonSerde.of(Reactions.class);
        builder.addStateStore(store(stores, PERSON_REACTIONS, reactions));
        emit(
                table(
                                byPerson,
                                Set.of(SHARE, COMMENT),
                                () -> new PersonTable<Reactions>(
                                        PERSON_REACTIONS,
                                        event -> Keys.of(
                                                event.mashupId(),
                                                Keys.day(event.clientTime().toEpochMilli())),
                                        (before, event) -> (before == null ? Reactions.NONE : before).with(event)),
                                "reactions-of-persons",
                                reactions,
                                stores,
                                PERSON_REACTIONS)
                        .groupBy(
                                (key, person) -> {
                                    String[] parts = Keys.parts(key);
                                    return KeyValue.pair(Keys.of(parts[0], parts[1]), person);
                                },
                                Grouped.with("reactions", KEYS, reactions))
                        .aggregate(
                                () -> Reactions.NONE,
                                (key, person, day) -> day.plus(person),
                                (key, person, day) -> day.minus(person),
                                Materialized.<String, Reactions, KeyValueStore<Bytes, byte[]>>as("reactions")
                                        .withStoreType(stores)
                                        .withKeySerde(KEYS)
                                        .withValueSerde(reactions)),
                MASHUP_REACTIONS,
                reactions,
                settings);
        return builder.build();
    }

    private static void listening(
            StreamsBuilder builder,
            KStream<String, AnalyticsEventV1> byPerson,
            RollupSettings settings,
            DslStoreSuppliers stores) {
        // a session's summary is rewritten with each of its events, its counted state and its listener-day each
        // second it changes: the cache folds a second of rewrites into one changelog record (the rollups alone on one
        // backlog, two runs of bench/compare.sh: 7,200-8,500 -> 7,900-10,200 events/s, 17% on average); each sample
        // and seen id has a key of its own, so caching those would fold nothing
        builder.addStateStore(store(stores, ListeningState.SESSIONS, ListeningSerde.sessions())
                .withCachingEnabled());
        builder.addStateStore(store(stores, ListeningState.SAMPLES, ListeningSerde.samples()));
        builder.addStateStore(store(stores, ListeningState.DAYS, TALLY_STATE).withCachingEnabled());
        builder.addStateStore(
                store(stores, ListeningState.COUNTED, ListeningSerde.counted()).withCachingEnabled());
        ListeningRules rules = settings.rules();
        KTable<String, Tally> listenerDays = table(
                byPerson,
                PLAYS,
                () -> new ListeningState(settings),
                "listener-days",
                TALLY_STATE,
                stores,
                ListeningState.SESSIONS,
                ListeningState.SAMPLES,
                ListeningState.DAYS,
                ListeningState.COUNTED);
        KTable<String, Tally> mashupDays = listenerDays
                .groupBy(
                        (key, day) -> {
                            String[] parts = Keys.parts(key);
                            return KeyValue.pair(
                                    Keys.of(parts[0], parts[2]), day.asListener(rules.dailyPlaysPerListener()));
                        },
                        Grouped.with("mashup-day-listeners", KEYS, TALLY_STATE))
                .aggregate(
                        () -> Tally.NONE,
                        (key, listener, day) -> day.plus(listener),
                        (key, listener, day) -> day.minus(listener),
                        tallies("mashup-days", stores));
        emit(mashupDays, MASHUP_DAY, TALLIES, settings);

        // listeners per minute kept apart from the days: a day's table of minutes would be rewritten with every play
        builder.addStateStore(store(stores, PLAYING, JsonSerde.of(Minutes.class)));
        KTable<String, Long> minutes = listenerDays
                .toStream()
                .process(PlayingMinutes::new, PLAYING)
                .groupByKey(Grouped.with("mashup-minutes", KEYS, COUNTS))
                .aggregate(() -> 0L, (key, change, sum) -> sum + change, counts("mashup-minutes", stores));
        emit(minutes, MASHUP_MINUTE, JsonSerde.of(Long.class), settings);

        // a listener's count goes (null) once none of their days has a play, so an erased one leaves no key behind
        KTable<String, Long> playDaysOfListeners = listenerDays
                .groupBy(
                        (key, day) -> {
                            String[] parts = Keys.parts(key);
                            return KeyValue.pair(Keys.of(parts[0], parts[1]), day.plays() > 0 ? 1L : 0L);
                        },
                        Grouped.with("listener-play-days", KEYS, COUNTS))
                .aggregate(
                        () -> 0L,
                        (key, n, sum) -> sum + n,
                        (key, n, sum) -> sum - n == 0 ? null : sum - n,
                        counts("listener-play-days", stores));
        KTable<String, Long> listeners = playDaysOfListeners
                .groupBy(
                        (key, days) -> KeyValue.pair(Keys.parts(key)[0], days > 0 ? 1L : 0L),
                        Grouped.with("mashup-listeners", KEYS, COUNTS))
                .aggregate(
                        () -> 0L,
                        (key, n, sum) -> sum + n,
                        (key, n, sum) -> sum - n,
                        counts("mashup-listeners", stores));
        emit(listeners, MASHUP_LISTENERS, JsonSerde.of(Long.class), settings);
    }

    /**
     * Likes (of mashups) or follows (of creators): each person's latest switch, then per subject and day of the
     * latest switch on, how many stand.
     */
    private static void toggles(
            StreamsBuilder builder,
            KStream<String, AnalyticsEventV1> byPerson,
            Set<String> types,
            Function<AnalyticsEventV1, String> subject,
            String name,
            String kind,
            RollupSettings settings,
            DslStoreSuppliers stores) {
        builder.addStateStore(store(stores, name, TOGGLES));
        KTable<String, Toggle> latest = table(
                byPerson,
                types,
                () -> new PersonTable<Toggle>(
                        name,
                        subject,
                        (before, event) -> before == null ? Toggle.of(event) : Toggle.latest(before, Toggle.of(event))),
                name + "-standing",
                TOGGLES,
                stores,
                name);
        KTable<String, Long> standing = latest.groupBy(
                        (key, toggle) ->
                                KeyValue.pair(Keys.of(Keys.parts(key)[0], Keys.day(toggle.at())), toggle.count()),
                        Grouped.with(name + "-by-day", KEYS, COUNTS))
                .aggregate(
                        () -> 0L, (key, n, sum) -> sum + n, (key, n, sum) -> sum - n, counts(name + "-by-day", stores));
        emit(standing, kind, JsonSerde.of(Long.class), settings);
    }

    /**
     * The table a person-stage processor's changes make, keyed {@code subject person}: fed the events of
     * {@code types} and the erasures, through the processor with its {@code processorStores}.
     */
    private static <V> KTable<String, V> table(
            KStream<String, AnalyticsEventV1> byPerson,
            Set<String> types,
            ProcessorSupplier<String, AnalyticsEventV1, String, V> processor,
            String name,
            Serde<V> values,
            DslStoreSuppliers stores,
            String... processorStores) {
        return byPerson.filter((person, event) ->
                        types.contains(event.type()) || AnalyticsEventV1.USER_ERASED.equals(event.type()))
                .process(processor, Named.as(name + "-changes"), processorStores)
                .toTable(
                        Named.as(name),
                        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name)
                                .withStoreType(stores)
                                .withKeySerde(KEYS)
                                .withValueSerde(values));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(
            DslStoreSuppliers stores, String name, Serde<V> values) {
        // not cached unless asked: where few writes fold, the cache's sorted maps and merged iterators cost more than
        // they save (bench/run.sh)
        return Stores.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(name, false)), KEYS, values);
    }

    private static <V> void emit(KTable<String, V> table, String kind, Serde<V> values, RollupSettings settings) {
        table.toStream()
                .selectKey((key, value) -> kind + " " + key)
                .to(settings.rollupTopic(), Produced.with(KEYS, values));
    }

    private static Materialized<String, Tally, KeyValueStore<Bytes, byte[]>> tallies(
            String name, DslStoreSuppliers stores) {
        return Materialized.<String, Tally, KeyValueStore<Bytes, byte[]>>as(name)
                .withStoreType(stores)
                .withKeySerde(KEYS)
                .withValueSerde(TALLY_STATE);
    }

    private static Materialized<String, Long, KeyValueStore<Bytes, byte[]>> counts(
            String name, DslStoreSuppliers stores) {
        return Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(name)
                .withStoreType(stores)
                .withKeySerde(KEYS)
                .withValueSerde(COUNTS);
    }

    /** The minutes a listener-day plays in. */
    record Minutes(List<Long> minutes) {}

    /**
     * Turns each change of a listener-day into the minutes it starts or stops playing in, keyed {@code mashup minute},
     * +1 or -1: it remembers the minutes it last counted for each listener-day.
     */
    private static final class PlayingMinutes implements Processor<String, Tally, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Minutes> counted;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.counted = context.getStateStore(PLAYING);
        }

        @Override
        public void process(Record<String, Tally> record) {
            Set<Long> now =
                    record.value() == null ? Set.of() : record.value().minutes().keySet();
            Minutes before = counted.get(record.key());
            Set<Long> then = before == null ? Set.of() : new HashSet<>(before.minutes());
            String mashup = Keys.parts(record.key())[0];
            for (Long minute : now) {
                if (!then.contains(minute)) {
                    context.forward(
                            record.withKey(Keys.of(mashup, minute.toString())).withValue(1L));
                }
            }
            for (Long minute : then) {
                if (!now.contains(minute)) {
                    context.forward(
                            record.withKey(Keys.of(mashup, minute.toString())).withValue(-1L));
                }
            }
            if (now.isEmpty()) {
                counted.delete(record.key());
            } else {
                counted.put(record.key(), new Minutes(List.copyOf(new TreeSet<>(now))));
            }
        }
    }

    /**
     * Reads each record as the event it carries, drops a share or comment already seen (capture claims ids before
     * writing, but a write whose claim then failed to commit is retried by the client) and stamps it with its client
     * time, which sessions and days go by. Only shares and comments add one to a count per event: a repeated play event
     * finds itself among its session's events, a repeated like or follow is the same switch again, so remembering
     * their ids too (a store write and changelog record per event) bought nothing. Seen ids are kept under their client
     * day (a repeat has the same), so that the days past the dedup window are dropped as one range.
     */
    private static final class FirstSeen implements FixedKeyProcessor<String, byte[], AnalyticsEventV1> {
        private static final byte[] ANALYTICS_EVENT_TYPE =
                EventCatalog.ANALYTICS_EVENT.name().getBytes(StandardCharsets.UTF_8);
        private final Duration window;
        private FixedKeyProcessorContext<String, AnalyticsEventV1> context;
        private KeyValueStore<String, Long> seen;

        FirstSeen(Duration window) {
            this.window = window;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, AnalyticsEventV1> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN);
            context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forget);
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            // only the type of the envelope: the data has the id, and parsing every header (the source a URI, the
            // time an instant) had been a twentieth of the Streams thread
            Header type = record.headers().lastHeader(CloudEvent.HEADER_TYPE);
            if (type == null || !Arrays.equals(type.value(), ANALYTICS_EVENT_TYPE)) {
                LOG.warnf(
                        "skipping a record that is no analytics event: %s", type == null ? "no type" : "another type");
                return;
            }
            AnalyticsEventV1 event;
            try {
                event = EventJson.read(record.value(), AnalyticsEventV1.class);
            } catch (RuntimeException e) {
                LOG.warnf("skipping a record that is no analytics event: %s", e.getMessage());
                return;
            }
            long at = event.clientTime().toEpochMilli();
            if (COUNTED_PER_EVENT.contains(event.type())) {
                String id = Keys.of(Keys.day(at), event.idempotencyKey());
                if (seen.get(id) != null) {
                    return;
                }
                seen.put(id, record.timestamp());
            }
            context.forward(record.withValue(event).withTimestamp(at));
        }

        private void forget(long now) {
            String before = Keys.day(now - window.toMillis());
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, Long> days = seen.range(null, before)) {
                days.forEachRemaining(entry -> old.add(entry.key));
            }
            old.forEach(seen::delete);
        }
    }
}
