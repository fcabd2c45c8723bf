package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Listening sessions and listener-days in one partition of the raw topic (its key is the mashup, so all of a
 * listener's events on a mashup are here), keyed by person first.
 * A play event joins the sessions of its listener, device and mashup no more than the session gap away (merging them
 * when it bridges two); the sessions' tallies are summed per listener and day (of the session's start), and the
 * listener-days that changed are forwarded every second, keyed {@code mashup person day}, null once without session.
 * Sessions and their events are kept while an event may still join them (the lateness); listener-days for good, as the
 * index an erasure removes.
 *
 * <p>A session is stored as its summary ({@link Listening}) beside its events, each under a key of its own: an event
 * after the session's last (nearly every one) extends the summary and adds one entry; only an event that lands inside
 * a session or bridges two reads the session's events back. Storing whole sessions rewrote every event of a session
 * with each new one.
 *
 * <p>Session windows of the DSL would do the stitching, but their store is keyed by mashup and no processor can take
 * one person's sessions out of it; here all of a person's state is one key prefix.
 */
final class ListeningState implements Processor<String, AnalyticsEventV1, String, Tally> {
    /** Session summaries, keyed {@code person mashup device start}. */
    static final String SESSIONS = "listening-session-summaries";
    /** The sessions' events, keyed {@code person mashup device at id}. */
    static final String SAMPLES = "listening-samples";

    static final String DAYS = "listening-days";
    /** The sessions changed since the listener-days were last updated, as the days count them ({@link Counted}). */
    static final String COUNTED = "listening-counted";
    /**
     * How often the listener-days take their sessions' changes and are forwarded: a session changes with each of its
     * events, and forwarding each change took the end-to-end rate from 8,600 to 5,800 events/s (bench/run.sh); a
     * second's changes fold into one.
     */
    private static final Duration FORWARD_EVERY = Duration.ofSeconds(1);

    private static final int TIME_DIGITS = 13;
    private static final int LATEST_KEPT = 200_000;

    private final ListeningRules rules;
    private final long gap;
    private final long lateness;
    private ProcessorContext<String, Tally> context;
    private KeyValueStore<String, Listening> sessions;
    private KeyValueStore<String, Sample> samples;
    private KeyValueStore<String, Tally> days;
    private KeyValueStore<String, Counted> counted;
    /** The keys {@link #counted} has now (derived: dropped whenever the store may have changed without this). */
    private final Set<String> countedKeys = new HashSet<>();

    private long streamTime = Long.MIN_VALUE;
    /**
     * The latest session of each listener, device and mashup seen lately, as stored: an event after it (nearly every
     * one) can join no other session, so it needs no scan of the store. Only derived from the stores, so it is
     * dropped whenever they may change without this processor (init, which a task revived after an aborted
     * transaction runs again) and when sessions are expired or erased; the least recently used go beyond
     * {@link #LATEST_KEPT}. The rollups alone took 17% more events a second with it (bench/compare.sh, A B B A).
     */
    private final Map<String, KeyValue<String, Listening>> latest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyValue<String, Listening>> eldest) {
            return size() > LATEST_KEPT;
        }
    };

    ListeningState(RollupSettings settings) {
        this.rules = settings.rules();
        this.gap = settings.sessionGap().toMillis();
        this.lateness = settings.lateness().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Tally> context) {
        this.context = context;
        this.sessions = context.getStateStore(SESSIONS);
        this.samples = context.getStateStore(SAMPLES);
        this.days = context.getStateStore(DAYS);
        this.counted = context.getStateStore(COUNTED);
        latest.clear();
        countedKeys.clear();
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::expire);
        context.schedule(FORWARD_EVERY, PunctuationType.WALL_CLOCK_TIME, this::forwardChanged);
    }

    @Override
    public void process(Record<String, AnalyticsEventV1> record) {
        String person = record.key();
        AnalyticsEventV1 event = record.value();
        if (AnalyticsEventV1.USER_ERASED.equals(event.type())) {
            latest.clear();
            countedKeys.clear();
            PersonStores.forget(sessions, person);
            PersonStores.forget(samples, person);
            PersonStores.forget(counted, person);
            for (String[] day : PersonStores.forget(days, person)) {
                context.forward(record.withKey(Keys.of(day[0], person, day[1])).withValue(null));
            }
            return;
        }
        long at = record.timestamp();
        streamTime = Math.max(streamTime, at);
        String prefix = Keys.of(person, event.mashupId(), event.deviceId()) + " ";
        Sample sample = Sample.of(event);
        String sampleKey = prefix + time(sample.at()) + " " + sample.id();
        KeyValue<String, Listening> last = latest.get(prefix);
        List<KeyValue<String, Listening>> joined = new ArrayList<>();
        List<KeyValue<String, Listening>> others = null; // the sessions not joined, when all were read
        if (last != null && last.value.precedes(sample)) {
            // after the latest session: a stored event is never later, and earlier sessions end more than a gap
            // before the latest begins
            if (last.value.lastAt() >= at - gap) {
                joined.add(last);
            }
        } else {
            if (samples.get(sampleKey) != null) {
                return; // in its session already
            }
            others = new ArrayList<>();
            for (KeyValue<String, Listening> session : PersonStores.under(sessions, prefix)) {
                if (session.value.lastAt() >= at - gap && session.value.firstAt() <= at + gap) {
                    joined.add(session);
                } else {
                    others.add(session);
                }
            }
        }
        Listening merged;
        if (joined.isEmpty()) {
            merged = Listening.of(sample);
        } else if (joined.size() == 1 && joined.get(0).value.precedes(sample)) {
            merged = joined.get(0).value.then(sample, rules);
        } else {
            merged = Listening.of(samplesOf(prefix, joined, sample), rules);
        }
        if (merged.lastAt() < streamTime - lateness - gap) {
            return; // too late to join anything: what the capture lets through never is
        }
        samples.put(sampleKey, sample);
        String key = prefix + time(merged.firstAt());
        Listening before = null;
        for (KeyValue<String, Listening> session : joined) {
            if (session.key.equals(key)) {
                before = session.value;
            } else {
                keepCounted(session.key, session.value);
                sessions.delete(session.key);
            }
        }
        keepCounted(key, before);
        sessions.put(key, merged);
        KeyValue<String, Listening> newest = KeyValue.pair(key, merged);
        for (KeyValue<String, Listening> other : others == null ? List.<KeyValue<String, Listening>>of() : others) {
            if (other.value.lastAt() > newest.value.lastAt()) {
                newest = other;
            }
        }
        latest.put(prefix, newest);
    }

    /**
     * Keeps a session as the listener-days count it, {@code before} its first change since they were last updated:
     * the days are then updated once a second from each changed session's before and after, not with every event
     * (reading and rewriting a listener-day with each play event had been a sixth of the Streams thread).
     */
    private void keepCounted(String key, Listening before) {
        if (countedKeys.add(key) && counted.get(key) == null) {
            counted.put(key, new Counted(before));
        }
    }

    /** The events of the {@code joined} sessions and {@code sample}, in session order. */
    private List<Sample> samplesOf(String prefix, List<KeyValue<String, Listening>> joined, Sample sample) {
        List<Sample> events = new ArrayList<>();
        events.add(sample);
        for (KeyValue<String, Listening> session : joined) {
            try (KeyValueIterator<String, Sample> stored = eventsOf(prefix, session.value)) {
                stored.forEachRemaining(entry -> events.add(entry.value));
            }
        }
        events.sort((a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0);
        return events;
    }

    /** A session's events: sessions of one listener, device and mashup never overlap in time. */
    private KeyValueIterator<String, Sample> eventsOf(String prefix, Listening session) {
        // bounds include both ends; every event key has " id" after its time, so the upper bound itself is never one
        return samples.range(prefix + time(session.firstAt()), prefix + time(session.lastAt() + 1));
    }

    /**
     * Updates the listener-days with the sessions changed since the last time (each day gives back its sessions as it
     * counted them and takes them as they are) and forwards each changed one, keyed {@code mashup person day}; null once
     * it is gone.
     */
    private void forwardChanged(long now) {
        List<KeyValue<String, Counted>> due = new ArrayList<>();
        try (KeyValueIterator<String, Counted> all = counted.all()) {
            all.forEachRemaining(due::add);
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, Long> times = new HashMap<>();
        for (KeyValue<String, Counted> entry : due) {
            String[] key = Keys.parts(entry.key);
            Listening before = entry.value.session();
            if (before != null) {
                String day = Keys.of(key[0], key[1], Keys.day(before.firstAt()));
                tallies.put(day, day(tallies, day).minus(before.tally(rules)));
                times.merge(day, before.lastAt(), Math::max);
            }
            Listening after = sessions.get(entry.key);
            if (after != null) {
                String day = Keys.of(key[0], key[1], Keys.day(after.firstAt()));
                tallies.put(day, day(tallies, day).plus(after.tally(rules)));
                times.merge(day, after.lastAt(), Math::max);
            }
            counted.delete(entry.key);
        }
        countedKeys.clear();
        tallies.forEach((day, tally) -> {
            String[] key = Keys.parts(day);
            boolean gone = tally.sessions() == 0;
            if (gone) {
                days.delete(day);
            } else {
                days.put(day, tally);
            }
            context.forward(new Record<>(Keys.of(key[1], key[0], key[2]), gone ? null : tally, times.get(day)));
        });
    }

    private Tally day(Map<String, Tally> tallies, String key) {
        Tally tally = tallies.get(key);
        if (tally != null) {
            return tally;
        }
        Tally stored = days.get(key);
        return stored == null ? Tally.NONE : stored;
    }

    /** Drops the sessions no event can join any more, with their events, once the days have their changes. */
    private void expire(long now) {
        forwardChanged(now);
        latest.clear();
        long closed = streamTime - lateness - gap;
        List<KeyValue<String, Listening>> old = new ArrayList<>();
        try (KeyValueIterator<String, Listening> all = sessions.all()) {
            all.forEachRemaining(session -> {
                if (session.value.lastAt() < closed) {
                    old.add(session);
                }
            });
        }
        for (KeyValue<String, Listening> session : old) {
            String prefix = session.key.substring(0, session.key.lastIndexOf(' ') + 1);
            List<String> events = new ArrayList<>();
            try (KeyValueIterator<String, Sample> stored = eventsOf(prefix, session.value)) {
                stored.forEachRemaining(entry -> events.add(entry.key));
            }
            events.forEach(samples::delete);
            sessions.delete(session.key);
        }
    }

    private static String time(long epochMilli) {
        String digits = Long.toString(epochMilli);
        return "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
