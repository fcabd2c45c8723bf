package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Listening sessions and listener-days of the persons of one partition (the topology keys play events by person).
 * A play event joins the sessions of its listener, device and mashup no more than the session gap away (merging them
 * when it bridges two); the sessions' tallies are summed per listener and day (of the session's start), and the
 * listener-days that changed are forwarded every second, keyed {@code mashup person day}, null once without session. Sessions are kept
 * while an event may still join them (the lateness); listener-days for good, as the index an erasure removes.
 *
 * <p>Session windows of the DSL would do the stitching, but their store is keyed by mashup and no processor can take
 * one person's sessions out of it; here all of a person's state is one key prefix.
 */
final class ListeningState implements Processor<String, AnalyticsEventV1, String, Tally> {
    static final String SESSIONS = "listening-sessions";
    static final String DAYS = "listening-days";
    /** Listener-days changed since they were last forwarded. */
    static final String CHANGED = "listening-changed";
    /**
     * How often changed listener-days are forwarded: a session changes with each of its events, and forwarding each
     * change took the end-to-end rate from 8,600 to 5,800 events/s (bench/run.sh); a second's changes fold into one.
     */
    private static final Duration FORWARD_EVERY = Duration.ofSeconds(1);

    private static final int TIME_DIGITS = 13;

    private final ListeningRules rules;
    private final long gap;
    private final long lateness;
    private ProcessorContext<String, Tally> context;
    private KeyValueStore<String, Listening> sessions;
    private KeyValueStore<String, Tally> days;
    private KeyValueStore<String, Long> changed;
    private long streamTime = Long.MIN_VALUE;

    ListeningState(RollupSettings settings) {
        this.rules = settings.rules();
        this.gap = settings.sessionGap().toMillis();
        this.lateness = settings.lateness().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Tally> context) {
        this.context = context;
        this.sessions = context.getStateStore(SESSIONS);
        this.days = context.getStateStore(DAYS);
        this.changed = context.getStateStore(CHANGED);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, now -> expire());
        context.schedule(FORWARD_EVERY, PunctuationType.WALL_CLOCK_TIME, this::forwardChanged);
    }

    @Override
    public void process(Record<String, AnalyticsEventV1> record) {
        String person = record.key();
        AnalyticsEventV1 event = record.value();
        if (AnalyticsEventV1.USER_ERASED.equals(event.type())) {
            PersonStores.forget(sessions, person);
            PersonStores.forget(changed, person);
            for (String[] day : PersonStores.forget(days, person)) {
                context.forward(record.withKey(Keys.of(day[0], person, day[1])).withValue(null));
            }
            return;
        }
        long at = record.timestamp();
        streamTime = Math.max(streamTime, at);
        String prefix = Keys.of(person, event.mashupId(), event.deviceId()) + " ";
        Listening merged = new Listening(List.of(Sample.of(event)));
        List<KeyValue<String, Listening>> joined = new ArrayList<>();
        for (KeyValue<String, Listening> session : PersonStores.under(sessions, prefix)) {
            long[] span = span(session.key);
            if (span[1] >= at - gap && span[0] <= at + gap) {
                joined.add(session);
                merged = merged.merge(session.value);
            }
        }
        long start = merged.samples().get(0).at();
        long end = merged.samples().get(merged.samples().size() - 1).at();
        if (end < streamTime - lateness - gap) {
            return; // too late to join anything: what the capture lets through never is
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (KeyValue<String, Listening> session : joined) {
            sessions.delete(session.key);
            String day = Keys.day(span(session.key)[0]);
            tallies.put(day, day(tallies, person, event.mashupId(), day).minus(session.value.tally(rules)));
        }
        sessions.put(prefix + time(start) + " " + time(end), merged);
        String day = Keys.day(start);
        tallies.put(day, day(tallies, person, event.mashupId(), day).plus(merged.tally(rules)));
        tallies.forEach((changedDay, tally) -> {
            String key = Keys.of(person, event.mashupId(), changedDay);
            if (tally.sessions() == 0) {
                days.delete(key);
            } else {
                days.put(key, tally);
            }
            changed.put(key, at);
        });
    }

    /** Forwards each changed listener-day as it stands now, keyed {@code mashup person day}; null once it is gone. */
    private void forwardChanged(long now) {
        List<KeyValue<String, Long>> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = changed.all()) {
            all.forEachRemaining(due::add);
        }
        for (KeyValue<String, Long> entry : due) {
            String[] key = Keys.parts(entry.key);
            context.forward(new Record<>(Keys.of(key[1], key[0], key[2]), days.get(entry.key), entry.value));
            changed.delete(entry.key);
        }
    }

    private Tally day(Map<String, Tally> tallies, String person, String mashup, String day) {
        Tally tally = tallies.get(day);
        if (tally != null) {
            return tally;
        }
        Tally stored = days.get(Keys.of(person, mashup, day));
        return stored == null ? Tally.NONE : stored;
    }

    /** Drops the sessions no event can join any more. */
    private void expire() {
        long closed = streamTime - lateness - gap;
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Listening> all = sessions.all()) {
            all.forEachRemaining(session -> {
                if (span(session.key)[1] < closed) {
                    old.add(session.key);
                }
            });
        }
        old.forEach(sessions::delete);
    }

    /** A session's key ends with its first and last event's times, so that a scan needs no value read. */
    private static long[] span(String key) {
        String[] parts = Keys.parts(key);
        return new long[] {Long.parseLong(parts[parts.length - 2]), Long.parseLong(parts[parts.length - 1])};
    }

    private static String time(long epochMilli) {
        String digits = Long.toString(epochMilli);
        return "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
