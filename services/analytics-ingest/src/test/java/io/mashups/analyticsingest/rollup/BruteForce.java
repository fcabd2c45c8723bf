package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rollups computed the plain way, from all events at once: sort each listener's play events, cut sessions at
 * gaps, replay each session step by step, count. No streams, no incremental updates, no undo: what the topology
 * must agree with.
 */
final class BruteForce {
    private BruteForce() {}

    /** One session, replayed. */
    record Session(
            String mashup,
            String person,
            String day,
            long from,
            long to,
            long listenedMs,
            Long lengthMs,
            long reachedMs,
            boolean counted,
            String source,
            String country) {}

    /** The mashup-day figures a dashboard shows, from the sessions directly. */
    record Day(
            long plays,
            long listeners,
            long sessions,
            long listenedMs,
            List<Long> stillListening,
            Map<String, Long> sources) {}

    static List<AnalyticsEventV1> distinct(List<AnalyticsEventV1> events) {
        Map<String, AnalyticsEventV1> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.deviceId() + "/" + event.eventId(), event));
        return new ArrayList<>(byId.values());
    }

    static String person(AnalyticsEventV1 event) {
        return event.userId() != null ? event.userId() : "#" + event.deviceId();
    }

    static String day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC).toString();
    }

    static List<Session> sessions(List<AnalyticsEventV1> events, long gapMs, long thresholdMs) {
        Map<String, List<AnalyticsEventV1>> byListener = new HashMap<>();
        for (AnalyticsEventV1 event : distinct(events)) {
            if (AnalyticsEventV1.PLAYS.contains(event.type())) {
                byListener
                        .computeIfAbsent(
                                event.mashupId() + "/" + person(event) + "/" + event.deviceId(),
                                key -> new ArrayList<>())
                        .add(event);
            }
        }
        List<Session> sessions = new ArrayList<>();
        for (List<AnalyticsEventV1> plays : byListener.values()) {
            plays.sort(Comparator.comparing(AnalyticsEventV1::clientTime).thenComparing(AnalyticsEventV1::eventId));
            int start = 0;
            for (int i = 1; i <= plays.size(); i++) {
                if (i == plays.size()
                        || plays.get(i).clientTime().toEpochMilli()
                                        - plays.get(i - 1).clientTime().toEpochMilli()
                                > gapMs) {
                    sessions.add(replay(plays.subList(start, i), thresholdMs));
                    start = i;
                }
            }
        }
        return sessions;
    }

    private static Session replay(List<AnalyticsEventV1> plays, long thresholdMs) {
        long listened = 0;
        long reached = 0;
        Long length = null;
        AnalyticsEventV1 previous = null;
        for (AnalyticsEventV1 event : plays) {
            if (event.trackLengthSec() != null) {
                long ms = Math.round(event.trackLengthSec() * 1000);
                length = length == null ? ms : Math.max(length, ms);
            }
            boolean playing = previous != null
                    && !previous.type().equals(AnalyticsEventV1.PLAY_END)
                    && previous.positionSec() != null
                    && event.positionSec() != null;
            if (playing) {
                long moved = Math.round(event.positionSec() * 1000) - Math.round(previous.positionSec() * 1000);
                long elapsed = event.clientTime().toEpochMilli()
                        - previous.clientTime().toEpochMilli();
                // a player at 1.1x speed, reporting up to a second late
                if (moved > 0 && moved <= elapsed * 1.1 + 1000) {
                    listened += moved;
                    reached = Math.max(reached, Math.round(event.positionSec() * 1000));
                }
            }
            previous = event;
        }
        AnalyticsEventV1 first = plays.get(0);
        long needed = length == null ? thresholdMs : Math.min(thresholdMs, (long) Math.floor(length * 0.9));
        return new Session(
                first.mashupId(),
                person(first),
                day(first.clientTime().toEpochMilli()),
                first.clientTime().toEpochMilli(),
                plays.get(plays.size() - 1).clientTime().toEpochMilli(),
                listened,
                length,
                reached,
                listened >= needed,
                first.source(),
                first.country());
    }

    /** Per mashup and day. */
    static Map<String, Day> days(List<Session> sessions, int cap) {
        Map<String, List<Session>> byDay = new HashMap<>();
        sessions.forEach(s -> byDay.computeIfAbsent(s.mashup() + " " + s.day(), k -> new ArrayList<>())
                .add(s));
        Map<String, Day> days = new HashMap<>();
        byDay.forEach((key, list) -> {
            Map<String, Integer> playsByPerson = new HashMap<>();
            Map<String, Long> sources = new HashMap<>();
            long listened = 0;
            long[] still = new long[21];
            for (Session s : list) {
                if (s.counted()) {
                    playsByPerson.merge(s.person(), 1, Integer::sum);
                    sources.merge(s.source(), 1L, Long::sum);
                }
                listened += s.listenedMs();
                if (s.lengthMs() != null) {
                    for (int k = 0; k <= 20; k++) {
                        // still listening at k*5% of the track
                        if (s.reachedMs() * 20 >= (long) k * s.lengthMs()) {
                            still[k]++;
                        }
                    }
                }
            }
            long plays = playsByPerson.values().stream()
                    .mapToLong(n -> Math.min(n, cap))
                    .sum();
            List<Long> stillListening = new ArrayList<>();
            for (long n : still) {
                stillListening.add(n);
            }
            days.put(key, new Day(plays, playsByPerson.size(), list.size(), listened, stillListening, sources));
        });
        return days;
    }

    /**
     * Listeners playing each mashup in each minute, key {@code mashup epoch-minute}: a listener counts once a minute,
     * however many devices or sessions, per day their sessions began on.
     */
    static Map<String, Long> playingPerMinute(List<Session> sessions) {
        Map<String, Set<String>> playing = new HashMap<>();
        for (Session s : sessions) {
            for (long minute = s.from() / 60_000; minute <= s.to() / 60_000; minute++) {
                playing.computeIfAbsent(s.mashup() + " " + minute, m -> new HashSet<>())
                        .add(s.person() + " " + s.day());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        playing.forEach((key, people) -> counts.put(key, (long) people.size()));
        return counts;
    }

    /** Listeners with a play, ever, per mashup. */
    static Map<String, Long> uniqueListeners(List<Session> sessions) {
        Map<String, Set<String>> listeners = new HashMap<>();
        sessions.stream()
                .filter(Session::counted)
                .forEach(s -> listeners
                        .computeIfAbsent(s.mashup(), m -> new HashSet<>())
                        .add(s.person()));
        Map<String, Long> counts = new HashMap<>();
        listeners.forEach((mashup, people) -> counts.put(mashup, (long) people.size()));
        return counts;
    }

    /** Likes (or follows) standing, by the day of the standing like: each person's last word wins. */
    static Map<String, Long> standing(List<AnalyticsEventV1> events, String on, String off, boolean ofCreators) {
        Map<String, AnalyticsEventV1> last = new HashMap<>();
        for (AnalyticsEventV1 event : distinct(events)) {
            if (event.type().equals(on) || event.type().equals(off)) {
                String subject = ofCreators ? event.creatorId() : event.mashupId();
                last.merge(
                        subject + " " + person(event),
                        event,
                        (a, b) -> Comparator.comparing(AnalyticsEventV1::clientTime)
                                                .thenComparing(AnalyticsEventV1::eventId)
                                                .compare(a, b)
                                        >= 0
                                ? a
                                : b);
            }
        }
        Map<String, Long> standing = new HashMap<>();
        last.forEach((key, event) -> {
            if (event.type().equals(on)) {
                standing.merge(key.split(" ")[0] + " " + day(event.clientTime().toEpochMilli()), 1L, Long::sum);
            }
        });
        return standing;
    }

    /** Shares by platform and comments per mashup and day. */
    static Map<String, Reactions> reactions(List<AnalyticsEventV1> events) {
        Map<String, Map<String, Long>> shares = new HashMap<>();
        Map<String, Long> comments = new HashMap<>();
        for (AnalyticsEventV1 event : distinct(events)) {
            String key = event.mashupId() + " " + day(event.clientTime().toEpochMilli());
            if (event.type().equals(AnalyticsEventV1.SHARE)) {
                shares.computeIfAbsent(key, k -> new HashMap<>()).merge(event.platform(), 1L, Long::sum);
            } else if (event.type().equals(AnalyticsEventV1.COMMENT)) {
                comments.merge(key, 1L, Long::sum);
            }
        }
        Map<String, Reactions> reactions = new HashMap<>();
        Set<String> keys = new HashSet<>(shares.keySet());
        keys.addAll(comments.keySet());
        keys.forEach(key -> reactions.put(
                key, new Reactions(Map.copyOf(shares.getOrDefault(key, Map.of())), comments.getOrDefault(key, 0L))));
        return reactions;
    }
}
