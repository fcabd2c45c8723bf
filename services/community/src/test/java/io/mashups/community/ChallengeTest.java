package io.mashups.community;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.community.challenge.ChallengeClock;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.events.analytics.EngagementV1.Counts;
import io.mashups.events.community.ChallengeCompletedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.MovableClock;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Challenges against the real Postgres and Kafka with the service's clock moved by hand: the rota opens daily and
 * weekly challenges at local midnight once however many replicas tick; submissions follow the rules; engagement moves
 * the board, ties go to the earlier submission, the freeze hides later changes until the end, and the winner is
 * rewarded once with replicas racing.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class ChallengeTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    ChallengeClock challengeClock;

    @Inject
    MeterRegistry metrics;

    private final String admin = TestTokens.forUser("admin-" + UUID.randomUUID(), "admin");

    @Test
    void theRotaOpensADailyAndAWeeklyChallengeAtLocalMidnightOnceWithReplicas() throws Exception {
        // New York, the night daylight saving starts: 13 March 2027 23:59:50 EST, then ten seconds past midnight
        MovableClock clock = new MovableClock(Instant.parse("2027-03-14T04:59:50Z"));
        QuarkusMock.installMockForType(clock, Clock.class);
        ticksOfReplicas(4);
        clock.advance(Duration.ofSeconds(20));
        ticksOfReplicas(4);
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM challenges WHERE from_rota AND type = 'daily' AND status = 'active' "
                                + "AND starts_at = '2027-03-14T05:00:00Z' AND ends_at = '2027-03-15T04:00:00Z'"),
                "the 14th's daily challenge, 23 hours long, once");
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM challenges WHERE from_rota AND type = 'daily' AND status = 'completed' "
                                + "AND starts_at = '2027-03-13T05:00:00Z'"),
                "the 13th's, ended at midnight");
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM challenges WHERE from_rota AND type = 'weekly' AND status = 'active' "
                                + "AND starts_at = '2027-03-08T05:00:00Z' AND ends_at = '2027-03-15T04:00:00Z'"));
        JsonPath current = given().auth()
                .oauth2(TestTokens.forUser("reader-" + UUID.randomUUID()))
                .get("/api/challenges/current")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("2027-03-14", current.getString("daily.startDate"));
        assertEquals("2027-03-14", current.getString("daily.endDate"));
        assertEquals("2027-03-08", current.getString("weekly.startDate"));
        assertEquals("2027-03-14", current.getString("weekly.endDate"));
        assertEquals(2, current.getList("challenges").size());
        // a week later: the next Monday's weekly challenge, once
        clock.advance(Duration.ofHours(24));
        ticksOfReplicas(4);
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM challenges WHERE from_rota AND type = 'weekly' AND status = 'active' "
                                + "AND starts_at = '2027-03-15T04:00:00Z'"));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM challenges WHERE from_rota AND status = 'completed' AND ends_at = "
                                + "'2027-03-15T04:00:00Z'"),
                "last week's and the 14th's, ended at Monday's midnight");
    }

    @Test
    void engagementMovesTheBoardTheFreezeHidesTheEndAndTheWinnerIsRewardedOnce() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MovableClock clock = new MovableClock(t0);
        QuarkusMock.installMockForType(clock, Clock.class);
        String challenge = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Winter Blend " + UUID.randomUUID(),
                        "startsAt",
                        t0.plus(Duration.ofMinutes(1)).toString(),
                        "endsAt",
                        t0.plus(Duration.ofHours(3)).toString(),
                        "rewardCredits",
                        300,
                        "rewardBadgeId",
                        "viral_hit"))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .body("status", equalTo("upcoming"))
                .body("type", equalTo("special"))
                .body("freezesAt", equalTo(t0.plus(Duration.ofHours(2)).toString()))
                .extract()
                .path("id");
        String run = UUID.randomUUID().toString();
        String ann = "ann-" + run, ben = "ben-" + run, cat = "cat-" + run;
        String annMix = TestMashups.rendered(schema, ann, "public");
        String benMix = TestMashups.rendered(schema, ben, "unlisted");
        String catMix = TestMashups.rendered(schema, cat, "public");
        String catPrivate = TestMashups.rendered(schema, cat, "private");
        submit(ann, challenge, annMix).statusCode(409).body("type", endsWith("/problems/closed"));

        clock.advance(Duration.ofMinutes(2));
        tick();
        submit(ann, challenge, benMix).statusCode(403);
        submit(cat, challenge, catPrivate).statusCode(422);
        submit(ann, challenge, annMix)
                .statusCode(201)
                .body("early", equalTo(true))
                .body("score", equalTo(50));
        submit(ann, challenge, annMix).statusCode(200); // the same again changes nothing
        clock.advance(Duration.ofMinutes(50));
        submit(ben, challenge, benMix).statusCode(201).body("early", equalTo(false));
        clock.advance(Duration.ofMinutes(1));
        submit(cat, challenge, catMix).statusCode(201);

        // an hour in: ann 10 plays + 50 early, ben 2 likes, cat 10 plays: ben and cat tie, ben submitted first
        Instant hour = t0.plus(Duration.ofHours(1));
        List<CloudEvent> first = List.of(
                engagement(annMix, ann, new Counts(10, 5, 0, 0, 0, 0), hour),
                engagement(benMix, ben, new Counts(0, 0, 2, 0, 0, 0), hour),
                engagement(catMix, cat, new Counts(10, 4, 0, 0, 0, 0), hour));
        TestEvents.publishAll(first);
        awaitScored(first);
        board(challenge)
                .body("frozen", equalTo(false))
                .body("entries.user.id", equalTo(List.of(ann, ben, cat)))
                .body("entries.score", equalTo(List.of(60, 10, 10)))
                .body("entries.rank", equalTo(List.of(1, 2, 3)))
                .body("entries[0].breakdown.plays", equalTo(10))
                .body("entries[0].breakdown.earlyBonus", equalTo(50))
                .body("entries[1].breakdown.likes", equalTo(2));

        // past the freeze: cat's surge after it counts only in the final ranking; ben's like before it still shows
        clock.advance(Duration.ofMinutes(100));
        List<CloudEvent> late = List.of(
                engagement(catMix, cat, new Counts(1000, 300, 0, 0, 0, 0), t0.plus(Duration.ofMinutes(135))),
                engagement(benMix, ben, new Counts(0, 0, 1, 0, 0, 0), t0.plus(Duration.ofMinutes(110))));
        TestEvents.publishAll(late);
        awaitScored(late);
        board(challenge)
                .body("frozen", equalTo(true))
                .body("asOf", equalTo(t0.plus(Duration.ofHours(2)).toString()))
                .body("entries.user.id", equalTo(List.of(ann, ben, cat)))
                .body("entries.score", equalTo(List.of(60, 15, 10)));
        given().auth()
                .oauth2(TestTokens.forUser(cat))
                .get("/api/challenges/" + challenge)
                .then()
                .body("frozen", equalTo(true))
                .body("yourEntry.score", equalTo(10))
                .body("yourEntry.rank", equalTo(3));

        // the end: replicas race to rank it; cat wins once
        clock.advance(Duration.ofMinutes(30));
        ticksOfReplicas(6);
        board(challenge)
                .body("final", equalTo(true))
                .body("frozen", equalTo(false))
                .body("asOf", nullValue())
                .body("entries.user.id", equalTo(List.of(cat, ann, ben)))
                .body("entries.score", equalTo(List.of(1010, 60, 15)));
        ticksOfReplicas(2);
        String source = "'challenge:" + challenge + "'";
        assertEquals(
                1, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM credit_ledger WHERE source = " + source));
        assertEquals(
                300,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT sum(amount) FROM credit_ledger WHERE user_id = '" + cat + "' AND source = " + source));
        assertEquals(
                500,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT sum(amount) FROM xp_transactions WHERE reason = 'challenge_won' AND source = "
                                + source));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM user_badges WHERE user_id = '" + cat
                                + "' AND badge_id IN ('challenge_winner', 'viral_hit')"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestEvents.published(EventCatalog.CHALLENGE_COMPLETED, challenge)
                                .size()
                        == 1);
        ChallengeCompletedV1 completed = TestEvents.published(EventCatalog.CHALLENGE_COMPLETED, challenge)
                .get(0);
        assertEquals(3, completed.entryCount());
        assertEquals(
                List.of(cat, ann, ben),
                completed.places().stream()
                        .map(ChallengeCompletedV1.Place::userId)
                        .toList());
        submit(ben, challenge, benMix).statusCode(409);
        given().auth()
                .oauth2(TestTokens.forUser(ben))
                .get("/api/challenges/" + challenge + "/entries")
                .then()
                .statusCode(200)
                .body("entries.user.id", equalTo(List.of(cat, ben, ann)))
                .body("entries.rank", equalTo(List.of(1, 3, 2)))
                .body("total", equalTo(3));
    }

    @Test
    void aStemPackTakesOnlyMashupsMadeFromItsUploads() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MovableClock clock = new MovableClock(t0);
        QuarkusMock.installMockForType(clock, Clock.class);
        String pack = "upload-" + UUID.randomUUID();
        String challenge = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title", "Stem pack",
                        "stemPack", List.of(pack),
                        "startsAt", t0.toString(),
                        "endsAt", t0.plus(Duration.ofHours(1)).toString()))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .body("stemPack", equalTo(List.of(pack)))
                .extract()
                .path("id");
        tick();
        String dan = "dan-" + UUID.randomUUID();
        String other = TestMashups.rendered(schema, dan, "public", List.of("elsewhere"));
        String fromPack = TestMashups.rendered(schema, dan, "public", List.of("elsewhere", pack));
        submit(dan, challenge, other).statusCode(422).body("type", endsWith("/problems/stem-pack"));
        submit(dan, challenge, fromPack).statusCode(201);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("rewardBadgeId", "no-such-badge"))
                .patch("/api/challenges/" + challenge)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(TestTokens.forUser(dan))
                .contentType("application/json")
                .body(Map.of("title", "mine"))
                .patch("/api/challenges/" + challenge)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forUser(dan))
                .get("/api/challenges/nope/leaderboard")
                .then()
                .statusCode(404);
    }

    @Test
    void badInputIsAClear4xxAndChangesNothing() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        QuarkusMock.installMockForType(new MovableClock(t0), Clock.class);
        String ann = "ann-" + UUID.randomUUID();
        String challenge = dayLong("Inputs", t0);
        String later = t0.plus(Duration.ofDays(2)).toString();
        String now = t0.toString();
        long challenges = MashupsTestEnvironment.count(schema, "SELECT count(*) FROM challenges");
        long entries = MashupsTestEnvironment.count(schema, "SELECT count(*) FROM challenge_entries");
        String submit = "/api/challenges/" + challenge + "/submit";
        String user = TestTokens.forUser(ann);
        List<String[]> posts = List.of(
                new String[] {
                    admin,
                    "/api/challenges",
                    "{\"title\": \"x\", \"startsAt\": \"" + later + "\", \"endsAt\": \"" + now + "\"}"
                },
                new String[] {
                    admin,
                    "/api/challenges",
                    "{\"title\": \"a\\u0000b\", \"startsAt\": \"" + now + "\", \"endsAt\": \"" + later + "\"}"
                },
                new String[] {
                    admin,
                    "/api/challenges",
                    "{\"title\": \"" + "t".repeat(121) + "\", \"startsAt\": \"" + now + "\", \"endsAt\": \"" + later
                            + "\"}"
                },
                new String[] {
                    admin,
                    "/api/challenges",
                    "{\"title\": \"x\", \"startsAt\": \"soon\", \"endsAt\": \"" + later + "\"}"
                },
                new String[] {
                    admin,
                    "/api/challenges",
                    "{\"title\": \"x\", \"startsAt\": \"" + now + "\", \"endsAt\": \"" + later
                            + "\", \"rewardCredits\": -1, \"type\": \"hourly\"}"
                },
                new String[] {admin, "/api/challenges", "[]"},
                new String[] {admin, "/api/challenges", "{\"title\": "},
                new String[] {user, submit, ""},
                new String[] {user, submit, "{}"},
                new String[] {user, submit, "{\"mashupId\": 5}"},
                new String[] {user, submit, "{\"mashupId\": \"m\\u0000\"}"},
                new String[] {user, submit, "{\"mashupId\": \"" + "m".repeat(300) + "\"}"},
                new String[] {user, submit, "{\"mashupId\": \"a\", \"mashupId\": \"b\"}"},
                new String[] {user, "/api/challenges/%00/submit", "{\"mashupId\": \"a\"}"},
                new String[] {"not.a.token", submit, "{\"mashupId\": \"a\"}"},
                new String[] {TestTokens.tampered(ann, "admin"), "/api/challenges", "{}"});
        for (String[] post : posts) {
            var answer = given().auth()
                    .oauth2(post[0])
                    .contentType("application/json")
                    .body(post[2])
                    .post(post[1])
                    .then()
                    .extract();
            assertTrue(
                    answer.statusCode() >= 400 && answer.statusCode() < 500,
                    post[1] + " " + post[2] + " gave " + answer.statusCode());
            assertEquals("application/problem+json", answer.contentType(), post[1] + " " + post[2]);
        }
        for (String query : List.of(
                "?status=bogus", "?type=hourly", "?page=-1", "?size=100000", "?page=99999999999", "?page=abc")) {
            given().auth().oauth2(user).get("/api/challenges" + query).then().statusCode(400);
        }
        for (String path : List.of("/%00", "/" + "x".repeat(300), "/a%0Ab/leaderboard", "/nope/entries?page=-3")) {
            var answer = given().auth()
                    .oauth2(user)
                    .get("/api/challenges" + path)
                    .then()
                    .extract();
            assertTrue(answer.statusCode() == 400 || answer.statusCode() == 404, path + " gave " + answer.statusCode());
        }
        given().auth()
                .oauth2(user)
                .contentType("text/plain")
                .body("m-1")
                .post(submit)
                .then()
                .statusCode(415);
        assertEquals(challenges, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM challenges"));
        assertEquals(entries, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM challenge_entries"));
    }

    /**
     * A replica answers boards from a copy it keeps, and boards larger than its copies may hold (250 entries in
     * tests) from the database page by page: either way, with hundreds of entries tied on score and on submission
     * time, every page equals the database's order, live, frozen and final; and changes made behind this replica's
     * back (as another replica's would be) show within the copy's refresh.
     */
    @Test
    void boardsKeepTheDatabasesOrderAndTakeInOtherReplicasChanges() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MovableClock clock = new MovableClock(t0);
        QuarkusMock.installMockForType(clock, Clock.class);
        List<String> challenges = List.of(tiedBoard(t0, 200), tiedBoard(t0, 300));
        String live = "score DESC, submitted_at, id";
        for (String challenge : challenges) {
            assertEquals(ordered(challenge, live), boardPages(challenge));
            // another replica's scores: a copy takes them in within its refresh (a second here)
            MashupsTestEnvironment.execute(
                    schema,
                    "UPDATE challenge_entries SET likes = likes + (i % 3), revision = revision + 1 FROM (SELECT id AS "
                            + "picked, row_number() OVER (ORDER BY id) AS i FROM challenge_entries WHERE challenge_id "
                            + "= '" + challenge + "') p WHERE id = picked AND i % 4 = 0");
        }
        for (String challenge : challenges) {
            List<String> changed = ordered(challenge, live);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> boardPages(challenge).equals(changed));
        }
        clock.advance(Duration.ofHours(23).plusMinutes(1)); // past the freeze
        for (String challenge : challenges) {
            assertEquals(ordered(challenge, "frozen_score DESC, submitted_at, id"), boardPages(challenge));
        }
        clock.advance(Duration.ofHours(1)); // the end
        tick();
        for (String challenge : challenges) {
            List<String> ranked = ordered(challenge, "final_rank, id");
            assertEquals(ordered(challenge, live), ranked);
            assertEquals(ranked, boardPages(challenge));
        }
    }

    /**
     * A replica's copy of a board takes in this replica's own scores at once and does not read them back at its
     * checks; another writer's change of the board (another replica's scores, tagged as another writer) is read at
     * the next check.
     */
    @Test
    void aBoardIsReadAgainOnlyWhenAnotherWriterChangedIt() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MovableClock clock = new MovableClock(t0);
        QuarkusMock.installMockForType(clock, Clock.class);
        String challenge = tiedBoard(t0, 120); // its own entry ids: the sizes make them
        String live = "score DESC, submitted_at, id";
        assertEquals(ordered(challenge, live), boardPages(challenge)); // the first copy: read
        double reads = boardChecks("read");
        List<CloudEvent> own = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> engagement(
                        "mix-" + i * 3,
                        "tied-" + i * 3,
                        new Counts(i, i, i % 3, i % 2, 0, 0),
                        t0.plus(Duration.ofHours(1))))
                .toList();
        TestEvents.publishAll(own);
        awaitScored(own);
        assertEquals(ordered(challenge, live), boardPages(challenge), "this replica's scores show at once");
        double unchanged = boardChecks("unchanged");
        Thread.sleep(1_200); // past the refresh: the next read starts a check behind it
        boardPages(challenge);
        await().atMost(Duration.ofSeconds(10)).until(() -> boardChecks("unchanged") > unchanged);
        assertEquals(reads, boardChecks("read"), "nothing this replica wrote was read back");
        assertEquals(ordered(challenge, live), boardPages(challenge));

        MashupsTestEnvironment.execute(
                schema,
                "SELECT set_config('mashups.board_writer', 'another-replica', false); UPDATE challenge_entries SET "
                        + "likes = likes + 7, revision = revision + 1 WHERE challenge_id = '" + challenge
                        + "' AND user_id IN ('tied-7', 'tied-8', 'tied-9')");
        List<String> changed = ordered(challenge, live);
        await().atMost(Duration.ofSeconds(10)).until(() -> boardPages(challenge).equals(changed));
        assertTrue(boardChecks("read") > reads, "another writer's change is read");
    }

    private double boardChecks(String outcome) {
        return metrics.counter("community.challenge.board.checks", "outcome", outcome)
                .count();
    }

    /** A challenge an admin creates, from {@code t0} for a day. */
    private String dayLong(String title, Instant t0) {
        return given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        title,
                        "startsAt",
                        t0.toString(),
                        "endsAt",
                        t0.plus(Duration.ofDays(1)).toString()))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An active challenge of {@code entries} entries over 5 submission instants and 10 scores, with early ones. */
    private String tiedBoard(Instant t0, int entries) throws Exception {
        String challenge = dayLong("Ties", t0);
        tick();
        // some ids differ only late; the early ones score 50 more
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO challenge_entries (id, challenge_id, user_id, mashup_id, submitted_at, early, plays, "
                        + "frozen_plays, likes) SELECT CASE WHEN i % 3 = 0 THEN 'tie-' || (i % 7) || '-' || i || '-"
                        + entries + "' "
                        + "ELSE md5('" + challenge + "' || i) END, '" + challenge + "', 'tied-' || i, 'mix-' || i, '"
                        + t0 + "'::timestamptz + (i % 5) * interval '1 second', i % 11 = 0, 50 + (i * 7) % 10, "
                        + "(i * 13) % 4, 0 FROM generate_series(1, " + entries + ") AS i");
        return challenge;
    }

    /** Every page of a board (50 entries a page), each entry as {@code id score rank}. */
    private List<String> boardPages(String challenge) {
        List<String> entries = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonPath board = given().auth()
                    .oauth2(admin)
                    .get("/api/challenges/" + challenge + "/leaderboard?size=50&page=" + page)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> shown = board.getList("entries");
            for (Map<String, Object> entry : shown) {
                entries.add(entry.get("id") + " " + entry.get("score") + " " + entry.get("rank"));
            }
            if (shown.size() < 50) {
                assertEquals(entries.size(), board.getInt("total"));
                return entries;
            }
        }
    }

    /** The board as the database orders it, in {@link #boardPages}' form. */
    private List<String> ordered(String challenge, String order) throws Exception {
        boolean frozen = order.startsWith("frozen");
        List<String> entries = new ArrayList<>();
        try (var connection = MashupsTestEnvironment.jdbc(schema);
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT id, " + (frozen ? "frozen_score" : "score")
                                + " FROM challenge_entries WHERE challenge_id = '" + challenge + "' ORDER BY "
                                + order)) {
            while (rows.next()) {
                entries.add(rows.getString(1) + " " + rows.getLong(2) + " " + (entries.size() + 1));
            }
        }
        return entries;
    }

    private io.restassured.response.ValidatableResponse submit(String user, String challenge, String mashup) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .body(Map.of("mashupId", mashup))
                .post("/api/challenges/" + challenge + "/submit")
                .then();
    }

    /**
     * The leaderboard, after checking that each of its entries reads as the entries listing shows it (the board is
     * one statement of its own; the listing reads entries, profiles and mashups apart).
     */
    private io.restassured.response.ValidatableResponse board(String challenge) {
        io.restassured.response.ValidatableResponse board = given().auth()
                .oauth2(admin)
                .get("/api/challenges/" + challenge + "/leaderboard")
                .then()
                .statusCode(200);
        List<Map<String, Object>> shown = board.extract().jsonPath().getList("entries");
        List<Map<String, Object>> listed = given().auth()
                .oauth2(admin)
                .get("/api/challenges/" + challenge + "/entries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries");
        assertEquals(listed.size(), board.extract().jsonPath().getInt("total"));
        assertEquals(listed.size(), shown.size());
        for (Map<String, Object> entry : shown) {
            assertEquals(
                    listed.stream()
                            .filter(e -> e.get("id").equals(entry.get("id")))
                            .findFirst()
                            .orElseThrow(),
                    entry);
        }
        return board;
    }

    private static CloudEvent engagement(String mashup, String owner, Counts delta, Instant windowEnd) {
        return TestEvents.event(
                EventCatalog.ENGAGEMENT,
                mashup,
                new EngagementV1(
                        EngagementV1.MASHUP,
                        mashup,
                        owner,
                        delta,
                        delta,
                        windowEnd.minus(Duration.ofMinutes(5)),
                        windowEnd));
    }

    private void awaitScored(List<CloudEvent> events) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(
                                schema,
                                "SELECT count(*) FROM inbox WHERE consumer = 'challenge-scores' AND event_id IN ("
                                        + String.join(
                                                ",",
                                                events.stream()
                                                        .map(e -> "'" + e.id() + "'")
                                                        .toList())
                                        + ")")
                        == events.size());
    }

    private void tick() throws Exception {
        ticksOfReplicas(1);
    }

    /** Ticks at once beside the scheduler's, as replicas would (each on a context of its own). */
    private void ticksOfReplicas(int replicas) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<?>> ticks = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                ticks.add(pool.submit(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(challengeClock::tick);
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Future<?> tick : ticks) {
                tick.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
