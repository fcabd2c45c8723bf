package io.mashups.analyticsingest.rollup;

import static io.mashups.events.analytics.AnalyticsEventV1.COMMENT;
import static io.mashups.events.analytics.AnalyticsEventV1.FOLLOW;
import static io.mashups.events.analytics.AnalyticsEventV1.LIKE;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAYS;
import static io.mashups.events.analytics.AnalyticsEventV1.SHARE;
import static io.mashups.events.analytics.AnalyticsEventV1.UNFOLLOW;
import static io.mashups.events.analytics.AnalyticsEventV1.UNLIKE;

import io.mashups.analyticsingest.IngestConfig;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.messaging.KafkaRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
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
    private static final Serde<AnalyticsEventV1> EVENTS = JsonSerde.of(AnalyticsEventV1.class);
    private static final Serde<Tally> TALLIES = JsonSerde.of(Tally.class);
    private static final Serde<Toggle> TOGGLES = JsonSerde.of(Toggle.class);

    @Produces
    Topology topology(IngestConfig config) {
        return build(RollupSettings.of(config), new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers());
    }

    /** The topology, its state in {@code stores}: RocksDB in production, memory where a test drives it. */
    public static Topology build(RollupSettings settings, DslStoreSuppliers stores) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(SEEN, false)), KEYS, COUNTS));
        KStream<String, AnalyticsEventV1> events = builder.stream(
                        settings.rawTopic(), Consumed.with(KEYS, Serdes.ByteArray()))
                .processValues(() -> new FirstSeen(settings.dedupWindow()), SEEN);

        listening(builder, events, settings, stores);
        toggles(events, Set.of(LIKE, UNLIKE), AnalyticsEventV1::mashupId, "likes", MASHUP_LIKES, settings, stores);
        toggles(
                events,
                Set.of(FOLLOW, UNFOLLOW),
                AnalyticsEventV1::creatorId,
                "follows",
                CREATOR_FOLLOWERS,
                settings,
                stores);
        Serde<Reactions> reactions = JsonSerde.of(Reactions.class);
        emit(
                events.filter((key, event) -> SHARE.equals(event.type()) || COMMENT.equals(event.type()))
                        .selectKey((key, event) -> Keys.of(
                                event.mashupId(), Keys.day(event.clientTime().toEpochMilli())))
                        .groupByKey(Grouped.with("reactions", KEYS, EVENTS))
                        .aggregate(
                                () -> Reactions.NONE,
                                (key, event, day) -> day.with(event),
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
            KStream<String, AnalyticsEventV1> events,
            RollupSettings settings,
            DslStoreSuppliers stores) {
        KTable<Windowed<String>, Listening> sessions = events.filter((key, event) -> PLAYS.contains(event.type()))
                .selectKey((key, event) -> Keys.of(event.mashupId(), Keys.person(event), event.deviceId()))
                .groupByKey(Grouped.with("plays", KEYS, EVENTS))
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(settings.sessionGap(), settings.lateness()))
                .aggregate(
                        () -> Listening.NONE,
                        (key, event, session) -> session.with(Sample.of(event)),
                        (key, one, other) -> one.merge(other),
                        Materialized.<String, Listening, SessionStore<Bytes, byte[]>>as("sessions")
                                .withStoreType(stores)
                                .withKeySerde(KEYS)
                                .withValueSerde(ListeningSerde.serde()));
        ListeningRules rules = settings.rules();
        KTable<String, Tally> listenerDays = sessions.groupBy(
                        (session, listening) -> {
                            String[] parts = Keys.parts(session.key());
                            return KeyValue.pair(
                                    Keys.of(
                                            parts[0],
                                            parts[1],
                                            Keys.day(session.window().start())),
                                    listening.tally(rules));
                        },
                        Grouped.with("listener-day-sessions", KEYS, TALLIES))
                .aggregate(
                        () -> Tally.NONE,
                        (key, session, day) -> day.plus(session),
                        (key, session, day) -> day.minus(session),
                        tallies("listener-days", stores));
        KTable<String, Tally> mashupDays = listenerDays
                .groupBy(
                        (key, day) -> {
                            String[] parts = Keys.parts(key);
                            return KeyValue.pair(
                                    Keys.of(parts[0], parts[2]), day.asListener(rules.dailyPlaysPerListener()));
                        },
                        Grouped.with("mashup-day-listeners", KEYS, TALLIES))
                .aggregate(
                        () -> Tally.NONE,
                        (key, listener, day) -> day.plus(listener),
                        (key, listener, day) -> day.minus(listener),
                        tallies("mashup-days", stores));
        emit(mashupDays, MASHUP_DAY, TALLIES, settings);

        // listeners per minute kept apart from the days: a day's table of minutes would be rewritten with every play
        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.keyValueStore(new DslKeyValueParams(PLAYING, false)), KEYS, JsonSerde.of(Minutes.class)));
        KTable<String, Long> minutes = listenerDays
                .toStream()
                .process(PlayingMinutes::new, PLAYING)
                .groupByKey(Grouped.with("mashup-minutes", KEYS, COUNTS))
                .aggregate(() -> 0L, (key, change, sum) -> sum + change, counts("mashup-minutes", stores));
        emit(minutes, MASHUP_MINUTE, JsonSerde.of(Long.class), settings);

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
                        (key, n, sum) -> sum - n,
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
            KStream<String, AnalyticsEventV1> events,
            Set<String> types,
            java.util.function.Function<AnalyticsEventV1, String> subject,
            String name,
            String kind,
            RollupSettings settings,
            DslStoreSuppliers stores) {
        KTable<String, Toggle> latest = events.filter((key, event) -> types.contains(event.type()))
                .selectKey((key, event) -> Keys.of(subject.apply(event), Keys.person(event)))
                .mapValues(Toggle::of)
                .groupByKey(Grouped.with(name, KEYS, TOGGLES))
                .reduce(
                        Toggle::latest,
                        Materialized.<String, Toggle, KeyValueStore<Bytes, byte[]>>as(name)
                                .withStoreType(stores)
                                .withKeySerde(KEYS)
                                .withValueSerde(TOGGLES));
        KTable<String, Long> standing = latest.groupBy(
                        (key, toggle) ->
                                KeyValue.pair(Keys.of(Keys.parts(key)[0], Keys.day(toggle.at())), toggle.count()),
                        Grouped.with(name + "-by-day", KEYS, COUNTS))
                .aggregate(
                        () -> 0L, (key, n, sum) -> sum + n, (key, n, sum) -> sum - n, counts(name + "-by-day", stores));
        emit(standing, kind, JsonSerde.of(Long.class), settings);
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
                .withValueSerde(TALLIES);
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
     * Reads each record as the event it carries, drops one already seen (capture claims ids before writing, but a
     * write whose claim then failed to commit is retried by the client) and stamps it with its client time, which
     * sessions and days go by. Seen ids are kept under their client day (a repeat has the same), so that the days past
     * the dedup window are dropped as one range.
     */
    private static final class FirstSeen implements FixedKeyProcessor<String, byte[], AnalyticsEventV1> {
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
            CloudEvent cloudEvent;
            AnalyticsEventV1 event;
            try {
                cloudEvent = KafkaRecords.cloudEvent(record.headers(), record.value());
                event = cloudEvent.dataAs(EventCatalog.ANALYTICS_EVENT);
            } catch (RuntimeException e) {
                LOG.warnf("skipping a record that is no analytics event: %s", e.getMessage());
                return;
            }
            long at = event.clientTime().toEpochMilli();
            String id = Keys.of(Keys.day(at), cloudEvent.id());
            if (seen.get(id) != null) {
                return;
            }
            seen.put(id, record.timestamp());
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
