package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Listening traffic as players send it, not as the rollups would like it: sessions with seeks back and forth, pauses
 * (some longer than the session gap), reloads to the start, tabs closed without a {@code play_end}, tracks shorter than
 * the play threshold or of unknown length, listeners on several devices at once and anonymous ones, a few popular
 * mashups and many quiet ones, days crossed at midnight; likes and unlikes, follows and unfollows toggled back and
 * forth, shares and comments; and repeats of events (a player retrying a batch).
 */
final class GeneratedTraffic {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] SOURCES = {"direct", "tiktok.com", "feed", "search", "youtube.com"};
    private static final String[] COUNTRIES = {"US", "DE", "BR", "JP", null};
    private static final String[] PLATFORMS = {"tiktok", "instagram", "copy_link", "x"};

    private final Random random;
    private final int mashups;
    private final long[] lengthsMs;
    private final List<String[]> people = new ArrayList<>();
    private final List<AnalyticsEventV1> events = new ArrayList<>();
    private long ids;

    private GeneratedTraffic(long seed, int mashups, int users, int anonymous) {
        this.random = new Random(seed);
        this.mashups = mashups;
        this.lengthsMs = new long[mashups];
        for (int m = 0; m < mashups; m++) {
            double kind = random.nextDouble();
            lengthsMs[m] = kind < 0.2
                    ? 5_000 + random.nextInt(25_000)
                    : kind < 0.9 ? 60_000 + random.nextInt(240_000) : 600_000 + random.nextInt(3_000_000);
        }
        for (int u = 0; u < users; u++) {
            int devices = 1 + random.nextInt(3);
            String[] person = new String[devices + 1];
            person[0] = "auth0|user-" + u;
            for (int d = 1; d <= devices; d++) {
                person[d] = "dev-u" + u + "-" + d;
            }
            people.add(person);
        }
        for (int a = 0; a < anonymous; a++) {
            people.add(new String[] {null, "dev-a" + a});
        }
    }

    /** {@code sessions} listening sessions and about a third as many likes, follows, shares and comments. */
    static List<AnalyticsEventV1> generate(long seed, int sessions) {
        GeneratedTraffic traffic = new GeneratedTraffic(seed, Math.max(8, sessions / 250), 150, 250);
        for (int s = 0; s < sessions; s++) {
            traffic.session();
        }
        for (int r = 0; r < sessions / 3; r++) {
            traffic.reaction();
        }
        return traffic.events;
    }

    /** Popular mashups get most of the traffic. */
    private int mashup() {
        return (int) Math.min(mashups - 1, Math.floor(Math.pow(random.nextDouble(), 2.5) * mashups));
    }

    private long someTime() {
        return START.toEpochMilli() + (long) (random.nextDouble() * 3 * 86_400_000L);
    }

    private void session() {
        int m = mashup();
        long length = lengthsMs[m];
        boolean lengthKnown = random.nextDouble() > 0.05;
        String[] person = people.get(random.nextInt(people.size()));
        String device = person[1 + random.nextInt(person.length - 1)];
        String source = SOURCES[random.nextInt(SOURCES.length)];
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        long at = someTime();
        long position = random.nextDouble() < 0.15 ? (long) (random.nextDouble() * length / 2) : 0;
        int steps = 1 + random.nextInt(24);
        add(person, device, m, "play_start", at, position, lengthKnown ? length : null, source, country, null);
        for (int i = 0; i < steps; i++) {
            double what = random.nextDouble();
            if (what < 0.70) {
                long elapsed = 5_000 + random.nextInt(10_000);
                at += elapsed;
                position = Math.min(length, position + elapsed + random.nextInt(400) - 200);
            } else if (what < 0.80) {
                at += 10_000 + (random.nextDouble() < 0.1 ? 1_900_000 : random.nextInt(600_000));
            } else if (what < 0.90) {
                at += 1_000 + random.nextInt(5_000);
                position = (long) (random.nextDouble() * length);
            } else if (what < 0.95) {
                at += 2_000 + random.nextInt(3_000);
                position = 0;
                add(person, device, m, "play_start", at, position, lengthKnown ? length : null, source, country, null);
                continue;
            } else {
                break;
            }
            if (position >= length) {
                add(person, device, m, "play_end", at, length, length, source, country, null);
                return;
            }
            add(person, device, m, "play_progress", at, position, lengthKnown ? length : null, source, country, null);
        }
        if (random.nextDouble() < 0.6) {
            at += 1_000 + random.nextInt(9_000);
            add(person, device, m, "play_end", at, position, length, source, country, null);
        }
    }

    private void reaction() {
        String[] person = people.get(random.nextInt(people.size()));
        String device = person[1 + random.nextInt(person.length - 1)];
        double what = random.nextDouble();
        long at = someTime();
        if (what < 0.4) {
            add(
                    person,
                    device,
                    mashup(),
                    random.nextDouble() < 0.7 ? "like" : "unlike",
                    at,
                    null,
                    null,
                    null,
                    null,
                    null);
        } else if (what < 0.6) {
            String platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
            add(person, device, mashup(), "share", at, null, null, null, null, platform);
        } else if (what < 0.75) {
            add(person, device, mashup(), "comment", at, null, null, null, null, null);
        } else {
            String creator = "creator-" + random.nextInt(12);
            String type = random.nextDouble() < 0.7 ? "follow" : "unfollow";
            events.add(event(person, device, type, null, creator, at, null, null, null, null, null));
        }
    }

    private void add(
            String[] person,
            String device,
            int mashup,
            String type,
            long at,
            Long positionMs,
            Long lengthMs,
            String source,
            String country,
            String platform) {
        AnalyticsEventV1 event = event(
                person,
                device,
                type,
                "mashup-" + mashup,
                "owner-" + (mashup % 12),
                at,
                positionMs,
                lengthMs,
                source,
                country,
                platform);
        events.add(event);
        if (random.nextDouble() < 0.03) {
            events.add(event);
        }
    }

    private AnalyticsEventV1 event(
            String[] person,
            String device,
            String type,
            String mashup,
            String creator,
            long at,
            Long positionMs,
            Long lengthMs,
            String source,
            String country,
            String platform) {
        Instant clientTime = Instant.ofEpochMilli(at);
        return new AnalyticsEventV1(
                "e" + (ids++),
                type,
                mashup,
                creator,
                person[0],
                device,
                "s-" + device,
                positionMs == null ? null : positionMs / 1000.0,
                lengthMs == null ? null : lengthMs / 1000.0,
                platform,
                source == null ? "direct" : source,
                null,
                country,
                "desktop",
                null,
                clientTime,
                clientTime.plusMillis(200 + random.nextInt(5_000)));
    }
}
