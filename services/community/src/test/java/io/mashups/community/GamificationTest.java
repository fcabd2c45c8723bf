package io.mashups.community;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.community.challenge.ChallengeClock;
import io.mashups.community.gamification.Badge;
import io.mashups.community.gamification.Levels;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.events.analytics.EngagementV1.Counts;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.events.studio.ProjectChangedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.MovableClock;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Gamification against the real Postgres and Kafka: a scripted month of events (mashups created, studio sessions,
 * engagement of mashups and creators, an unlike and an unfollow among them, days over the play cap, a move between
 * time zones) applied once in order to one set of creators and, shuffled with duplicates, to a second set that
 * mirrors the first, must leave both with the same XP, levels, badges, streaks and week figures, each equal to what
 * the XP log rebuilds, and the same leaderboard in each set's challenge (the engagement is of their entries).
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class GamificationTest {
    private static final Instant MONTH = Instant.parse("2026-10-31T00:00:00Z");
    private static final int DAYS = 31;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    ChallengeClock challengeClock;

    private final MovableClock clock = new MovableClock(MONTH.minus(Duration.ofDays(1)));

    /** The script's creators: 0 in UTC making a mashup every day; 1 in New York; 2 moving from Kathmandu to Kiritimati. */
    private record Creators(String run, List<String> ids) {
        static Creators of(String run) {
            return new Creators(run, List.of(run + "-utc", run + "-new-york", run + "-mover"));
        }
    }

    @Test
    void aMonthReplayedShuffledWithDuplicatesAwardsWhatItAwardsInOrder() throws Exception {
        QuarkusMock.installMockForType(clock, Clock.class);
        String run = UUID.randomUUID().toString();
        Creators inOrder = Creators.of("ordered-" + run);
        Creators shuffled = Creators.of("shuffled-" + run);
        for (Creators creators : List.of(inOrder, shuffled)) {
            zone(creators.ids().get(1), "America/New_York", MONTH.minus(Duration.ofHours(12)));
            zone(creators.ids().get(2), "Asia/Kathmandu", MONTH.minus(Duration.ofHours(12)));
            zone(creators.ids().get(2), "Pacific/Kiritimati", MONTH.plus(Duration.ofDays(15)));
        }
        // each set's creators enter one more mashup in a challenge of their own (the script's engagement is of it)
        Map<String, String> orderedEntries = enter(inOrder);
        Map<String, String> shuffledEntries = enter(shuffled);
        List<CloudEvent> ordered = script(inOrder, orderedEntries.get("mashups"));
        List<CloudEvent> replay = new ArrayList<>(script(shuffled, shuffledEntries.get("mashups")));
        Random random = new Random(run.hashCode());
        replay.addAll(replay.subList(0, replay.size() / 3)); // a third of the events twice
        Collections.shuffle(replay, random);
        TestEvents.publishAll(ordered);
        TestEvents.publishAll(replay);
        awaitApplied(ordered);
        awaitApplied(replay);
        awaitScored(ordered);
        awaitScored(replay);

        // read at 00:30 on 1 December, UTC: every creator's day and week figures in their own zone
        clock.advance(Duration.between(
                clock.instant(), MONTH.plus(Duration.ofDays(DAYS)).plus(Duration.ofMinutes(30))));
        for (int i = 0; i < 3; i++) {
            String a = inOrder.ids().get(i);
            String b = shuffled.ids().get(i);
            Map<String, Object> expected = state(a);
            assertEquals(expected, state(b), "creator " + i + " replayed shuffled with duplicates");
            assertEquals(comparable(profile(a)), comparable(profile(b)), "creator " + i + "'s profile");
        }
        List<Map<String, Object>> board = board(orderedEntries.get("challenge"), inOrder);
        assertEquals(board, board(shuffledEntries.get("challenge"), shuffled), "the challenge's leaderboard");
        assertEquals(
                List.of(1, 2, 3), board.stream().map(row -> row.get("rank")).toList());
        assertTrue(board.stream().allMatch(row -> ((Number) row.get("score")).longValue() > 0), board.toString());

        // creator 0: 32 days in a row (4 streaks of 7, one of 30), a mashup each day, plays capped at 100 a day
        String first = inOrder.ids().get(0);
        Map<String, Object> utc = state(first);
        @SuppressWarnings("unchecked")
        Map<String, Long> awards = (Map<String, Long>) utc.get("awards");
        assertEquals(4 * 200L, awards.get("streak_7_days"));
        assertEquals(1000L, awards.get("streak_30_days"));
        assertEquals(32 * 100L, awards.get("mashup_created")); // a mashup a day and the entry
        assertEquals(expectedPlayXp(first, ordered), awards.get("mashup_played"));
        assertEquals(10L * maxTotal(ordered, first, EngagementV1.MASHUP, Counts::likes), awards.get("like_received"));
        assertEquals(
                20L * maxTotal(ordered, first, EngagementV1.CREATOR, Counts::followers), awards.get("follower_gained"));
        List<String> badges = new ArrayList<>(List.of("first_mashup", "streak_30", "streak_7", "viral_hit"));
        Badge.forLevel(Levels.level((Long) utc.get("total"))).forEach(badge -> badges.add(badge.id()));
        Collections.sort(badges);
        assertEquals(badges, utc.get("badges"));
        for (String member : List.of(inOrder.ids().get(1), inOrder.ids().get(2))) {
            assertTrue(((List<?>) state(member).get("badges")).contains("first_collaboration"), member);
        }
        assertTrue(!((List<?>) utc.get("badges")).contains("first_collaboration"));

        // each award is an event with the total and level it left: in order, they add up to the log, in both sets
        for (String creator : List.of(first, shuffled.ids().get(0))) {
            long rows = MashupsTestEnvironment.count(
                    schema, "SELECT count(*) FROM xp_transactions WHERE user_id = '" + creator + "'");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestEvents.published(EventCatalog.XP_AWARDED, creator)
                                    .size()
                            == rows);
            long running = 0;
            for (XpAwardedV1 award : TestEvents.published(EventCatalog.XP_AWARDED, creator)) {
                running += award.amount();
                assertEquals(running, award.totalXp(), creator + ": " + award);
                assertEquals(Levels.level(running), award.level(), creator + ": " + award);
            }
            assertEquals(utc.get("total"), running, creator);
        }

        // the seed plan's shape
        JsonPath profile = profile(first);
        long xp = profile.getLong("xp");
        assertEquals(utc.get("total"), xp);
        assertEquals(Levels.level(xp), profile.getInt("level"));
        assertEquals(Levels.threshold(Levels.level(xp) + 1L) - xp, profile.getLong("xpToNextLevel"));
        // 32 days: the challenge submission on 30 October, then a mashup every day to 30 November (yesterday)
        assertEquals(32, profile.getInt("streak.current"));
        assertEquals(32, profile.getInt("streak.longest"));
        assertEquals("First Mashup", profile.getString("badges.find { it.id == 'first_mashup' }.name"));
        assertTrue(profile.getString("badges[0].icon").length() > 0 && profile.getString("badges[0].earnedAt") != null);
        @SuppressWarnings("unchecked")
        List<List<Object>> weeks = (List<List<Object>>) utc.get("weeks");
        List<Object> lastWeek = weeks.get(weeks.size() - 1);
        assertEquals("2026-11-30", lastWeek.get(0));
        assertEquals(
                Map.of("mashups", lastWeek.get(1), "plays", lastWeek.get(2), "likes", lastWeek.get(3)),
                Map.of(
                        "mashups", profile.getLong("weeklyStats.mashups"),
                        "plays", profile.getLong("weeklyStats.plays"),
                        "likes", profile.getLong("weeklyStats.likes")));
    }

    /**
     * A challenge (from the day before the month to well after it) and each creator's entry, submitted a minute apart
     * at the same times for both sets: {challenge, mashups (comma-separated, in creator order)}.
     */
    private Map<String, String> enter(Creators creators) throws Exception {
        clock.advance(Duration.between(clock.instant(), MONTH.minus(Duration.ofDays(1))));
        String challenge = given().auth()
                .oauth2(TestTokens.forUser("admin-" + creators.run(), "admin"))
                .contentType("application/json")
                .body(Map.of(
                        "title", "Month of " + creators.run(),
                        "startsAt", clock.instant().plus(Duration.ofMinutes(1)).toString(),
                        "endsAt", MONTH.plus(Duration.ofDays(40)).toString()))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        clock.advance(Duration.ofMinutes(2));
        try {
            VertxContextSupport.subscribeAndAwait(challengeClock::tick);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        List<String> mashups = new ArrayList<>();
        for (String creator : creators.ids()) {
            // rendered on the test's clock, not the wall clock's week
            String mashup = TestMashups.rendered(schema, creator, "public", clock.instant());
            mashups.add(mashup);
            clock.advance(Duration.ofMinutes(1));
            given().auth()
                    .oauth2(TestTokens.forUser(creator))
                    .contentType("application/json")
                    .body(Map.of("mashupId", mashup))
                    .post("/api/challenges/" + challenge + "/submit")
                    .then()
                    .statusCode(201);
            // its creation's XP is in before the month's events are compared
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> MashupsTestEnvironment.count(
                                    schema,
                                    "SELECT count(*) FROM xp_transactions WHERE source = 'mashup:" + mashup + "'")
                            == 1);
        }
        return Map.of("challenge", challenge, "mashups", String.join(",", mashups));
    }

    /** A challenge's board by creator index (0, 1, 2 of the set), so two sets' boards compare. */
    private static List<Map<String, Object>> board(String challenge, Creators creators) {
        List<Map<String, Object>> rows = given().auth()
                .oauth2(TestTokens.forUser(creators.ids().get(0)))
                .get("/api/challenges/" + challenge + "/leaderboard")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries");
        return rows.stream()
                .map(row -> Map.<String, Object>of(
                        "creator", creators.ids().indexOf(((Map<?, ?>) row.get("user")).get("id")),
                        "rank", row.get("rank"),
                        "score", row.get("score"),
                        "breakdown", row.get("breakdown")))
                .toList();
    }

    private void awaitScored(List<CloudEvent> events) {
        List<String> ids = events.stream()
                .filter(event -> event.is(EventCatalog.ENGAGEMENT))
                .map(CloudEvent::id)
                .distinct()
                .toList();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (Connection db = MashupsTestEnvironment.jdbc(schema);
                            PreparedStatement query = db.prepareStatement(
                                    "SELECT count(*) FROM inbox WHERE consumer = 'challenge-scores' AND event_id = ANY (?)")) {
                        query.setArray(1, db.createArrayOf("text", ids.toArray()));
                        try (ResultSet result = query.executeQuery()) {
                            result.next();
                            return result.getLong(1) == ids.size();
                        }
                    }
                });
    }

    /** A profile without the badges' times and order (which award crossed a level depends on the events' order). */
    private static Map<String, Object> comparable(JsonPath profile) {
        Map<String, Object> fields = new TreeMap<>(profile.getMap(""));
        fields.put("badges", profile.getList("badges.id").stream().sorted().toList());
        return fields;
    }

    /** Everything gamification keeps of a user, and checks that the totals equal what the log rebuilds. */
    private Map<String, Object> state(String user) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        try (Connection db = MashupsTestEnvironment.jdbc(schema)) {
            long total = single(db, "SELECT coalesce(max(total_xp), 0) FROM user_gamification WHERE user_id = ?", user);
            long rebuilt = single(db, "SELECT coalesce(sum(amount), 0) FROM xp_transactions WHERE user_id = ?", user);
            assertEquals(rebuilt, total, user + ": the total is what the XP log adds up to");
            long level =
                    single(db, "SELECT coalesce(max(current_level), 1) FROM user_gamification WHERE user_id = ?", user);
            assertEquals(Levels.level(total), level, user);
            state.put("total", total);
            state.put("level", level);
            Map<String, Long> awards = new TreeMap<>(); // by rule (how many rows depends on the order)
            for (List<Object> row : rows(
                    db,
                    "SELECT reason, sum(amount) FROM xp_transactions WHERE user_id = ? " + "GROUP BY reason",
                    user)) {
                awards.put((String) row.get(0), ((Number) row.get(1)).longValue());
            }
            state.put("awards", awards);
            state.put(
                    "badges",
                    rows(db, "SELECT badge_id FROM user_badges WHERE user_id = ? ORDER BY badge_id", user).stream()
                            .map(row -> row.get(0))
                            .toList());
            state.put(
                    "days",
                    rows(db, "SELECT local_day::text FROM activity_days WHERE user_id = ? ORDER BY 1", user).stream()
                            .map(row -> row.get(0))
                            .toList());
            state.put(
                    "weeks",
                    rows(
                            db,
                            "SELECT week::text, mashups, plays, likes FROM weekly_stats WHERE user_id = ? "
                                    + "ORDER BY week",
                            user));
            state.put(
                    "playDays",
                    rows(
                            db,
                            "SELECT local_day::text, sum(amount) FROM xp_transactions WHERE user_id = ? "
                                    + "AND reason = 'mashup_played' GROUP BY local_day ORDER BY local_day",
                            user));
        }
        return state;
    }

    private static JsonPath profile(String user) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/gamification/profile")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void zone(String user, String zone, Instant from) {
        clock.advance(Duration.between(clock.instant(), from));
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .body(Map.of("timeZone", zone))
                .patch("/api/community/profile")
                .then()
                .statusCode(200)
                .body("timeZone", equalTo(zone));
    }

    /**
     * The month's events for a set of creators, in time order: every creator's mashups (creator 0 one a day, the
     * others with gaps and late in their evening), a studio project shared by creators 1 and 2, and each mashup's and
     * creator's engagement a few times a day, totals growing with an unlike, an unfollow and days over the play cap.
     */
    private static List<CloudEvent> script(Creators creators, String entryMashups) {
        Random random = new Random(7); // the same script for both sets
        List<Timed> events = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            Instant dayStart = MONTH.plus(Duration.ofDays(day));
            for (int c = 0; c < 3; c++) {
                boolean creates = c == 0 || random.nextInt(3) > 0;
                if (creates) {
                    String mashup = creators.ids().get(c) + "-mix-" + day;
                    Instant at = dayStart.plus(
                            Duration.ofMinutes(c == 0 ? random.nextInt(1440) : 1380 + random.nextInt(120)));
                    // rendered at that time: the event's time is when audio-pipeline stored the mashup
                    events.add(new Timed(
                            at,
                            TestEvents.eventAt(
                                    EventCatalog.MASHUP_RENDERED,
                                    mashup,
                                    new MashupRenderedV1(
                                            mashup,
                                            creators.ids().get(c),
                                            mashup,
                                            "Mix " + day,
                                            List.of("a", "b"),
                                            "mashups/" + mashup,
                                            "mp3",
                                            60,
                                            120,
                                            "C",
                                            "public"),
                                    at)));
                }
            }
            if (day % 5 == 2) {
                String project = creators.run() + "-project";
                Instant at = dayStart.plus(Duration.ofHours(20));
                events.add(new Timed(
                        at,
                        TestEvents.event(
                                EventCatalog.PROJECT_CHANGED,
                                project,
                                new ProjectChangedV1(
                                        project,
                                        creators.ids().get(1),
                                        "Duet",
                                        List.of(
                                                creators.ids().get(1),
                                                creators.ids().get(2)),
                                        day,
                                        false,
                                        at))));
            }
        }
        // engagement of each creator's entry and of each creator: totals grow, likes dip once, followers once
        for (int c = 0; c < 3; c++) {
            String creator = creators.ids().get(c);
            String mashup = entryMashups.split(",")[c];
            long plays = 0, likes = 0, comments = 0, followers = 0;
            for (int window = 0; window < DAYS * 4; window++) {
                Instant end = MONTH.plus(Duration.ofHours(6L * window + 6));
                long newPlays = random.nextInt(5) == 0 ? 60 + random.nextInt(120) : random.nextInt(30);
                long likeChange = window == 40 ? -3 : random.nextInt(4);
                long followerChange = window == 60 ? -2 : random.nextInt(3);
                plays += newPlays;
                likes = Math.max(0, likes + likeChange);
                comments += random.nextInt(2);
                followers = Math.max(0, followers + followerChange);
                Counts mashupTotals = new Counts(plays, plays / 2, likes, plays / 10, comments, 0);
                Counts mashupDelta = new Counts(newPlays, newPlays / 2, likeChange, newPlays / 10, 0, 0);
                events.add(new Timed(
                        end,
                        TestEvents.event(
                                EventCatalog.ENGAGEMENT,
                                mashup,
                                new EngagementV1(
                                        EngagementV1.MASHUP,
                                        mashup,
                                        creator,
                                        mashupTotals,
                                        mashupDelta,
                                        end.minus(Duration.ofHours(6)),
                                        end))));
                Counts creatorTotals = new Counts(plays, plays / 2, likes, plays / 10, comments, followers);
                Counts creatorDelta = new Counts(newPlays, 0, likeChange, 0, 0, followerChange);
                events.add(new Timed(
                        end,
                        TestEvents.event(
                                EventCatalog.ENGAGEMENT,
                                creator,
                                new EngagementV1(
                                        EngagementV1.CREATOR,
                                        null,
                                        creator,
                                        creatorTotals,
                                        creatorDelta,
                                        end.minus(Duration.ofHours(6)),
                                        end))));
            }
        }
        events.sort((x, y) -> x.at().compareTo(y.at()));
        return events.stream().map(Timed::event).toList();
    }

    private record Timed(Instant at, CloudEvent event) {}

    /** Creator 0 is in UTC: each UTC day's plays of their mashup, at most 100 XP. */
    private static long expectedPlayXp(String creator, List<CloudEvent> events) {
        Map<LocalDate, Long> plays = new TreeMap<>();
        for (CloudEvent event : events) {
            if (event.is(EventCatalog.ENGAGEMENT)) {
                EngagementV1 engagement = event.dataAs(EventCatalog.ENGAGEMENT);
                if (creator.equals(engagement.creatorId()) && EngagementV1.MASHUP.equals(engagement.scope())) {
                    plays.merge(
                            LocalDate.ofInstant(engagement.windowEnd(), ZoneOffset.UTC),
                            engagement.delta().plays(),
                            Long::sum);
                }
            }
        }
        return plays.values().stream().mapToLong(count -> Math.min(100, count)).sum();
    }

    private static long maxTotal(List<CloudEvent> events, String creator, String scope, Function<Counts, Long> metric) {
        return events.stream()
                .filter(event -> event.is(EventCatalog.ENGAGEMENT))
                .map(event -> event.dataAs(EventCatalog.ENGAGEMENT))
                .filter(engagement -> creator.equals(engagement.creatorId()) && scope.equals(engagement.scope()))
                .mapToLong(engagement -> metric.apply(engagement.totals()))
                .max()
                .orElse(0);
    }

    private void awaitApplied(List<CloudEvent> events) {
        List<String> ids = events.stream().map(CloudEvent::id).distinct().toList();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (Connection db = MashupsTestEnvironment.jdbc(schema);
                            PreparedStatement query = db.prepareStatement(
                                    "SELECT count(*) FROM inbox WHERE consumer IN ('engagement-xp', 'creative-activity') "
                                            + "AND event_id = ANY (?)")) {
                        query.setArray(1, db.createArrayOf("text", ids.toArray()));
                        try (ResultSet result = query.executeQuery()) {
                            result.next();
                            return result.getLong(1) == ids.size();
                        }
                    }
                });
    }

    private static long single(Connection db, String sql, String user) throws Exception {
        return ((Number) rows(db, sql, user).get(0).get(0)).longValue();
    }

    private static List<List<Object>> rows(Connection db, String sql, String user) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, user);
            try (ResultSet result = query.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        row.add(value instanceof Number number ? (Object) number.longValue() : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
