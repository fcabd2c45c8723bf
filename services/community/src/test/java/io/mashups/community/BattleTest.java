package io.mashups.community;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.community.battle.BattleClock;
import io.mashups.events.EventCatalog;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.events.audio.MashupChangedV1;
import io.mashups.events.community.BattleCompletedV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.MovableClock;
import io.mashups.testing.TestEvents;
import io.mashups.testing.TestMashups;
import io.mashups.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Battles against the real Postgres and Kafka, with the service's clock moved by hand: phases follow the times,
 * entries and votes follow the rules, blind voting reveals nothing before the decision, and a deleted or blocked
 * mashup's entry leaves.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class BattleTest {
    private static final Logger LOG = Logger.getLogger(BattleTest.class);
    private static final Duration HOUR = Duration.ofHours(1);

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    BattleClock battleClock;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "mashups.community.battles.clock-period")
    Duration clockPeriod;

    private MovableClock clock;
    private final String admin = TestTokens.forUser("admin-" + UUID.randomUUID(), "admin");

    @BeforeEach
    void installClock() {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    private String createBattle(String voting, String... judges) {
        return createBattleAs("open", voting, judges);
    }

    private String createBattleAs(String format, String voting, String... judges) {
        Instant now = clock.instant();
        return given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title", "Clash " + UUID.randomUUID(),
                        "theme", "summer",
                        "format", format,
                        "voting", voting,
                        "startsAt", now.plus(HOUR).toString(),
                        "entriesEndAt", now.plus(HOUR.multipliedBy(2)).toString(),
                        "votingEndAt", now.plus(HOUR.multipliedBy(3)).toString(),
                        "judges", List.of(judges),
                        "prizes", List.of(500, 200)))
                .post("/api/battles")
                .then()
                .statusCode(201)
                .body("battle.status", equalTo("upcoming"))
                .extract()
                .path("battle.id");
    }

    private String mashup(String owner, String visibility) throws Exception {
        return TestMashups.rendered(schema, owner, visibility);
    }

    /** A signed-in user community has known for a week (old enough to vote). */
    private String agedUser(String name) throws Exception {
        String id = name + "-" + UUID.randomUUID();
        String token = TestTokens.withProfile(id, "Name of " + name, "https://images.example/" + name + ".png");
        given().auth().oauth2(token).get("/api/community/profile").then().statusCode(200);
        MashupsTestEnvironment.execute(
                schema, "UPDATE profiles SET first_seen = now() - interval '7 days' WHERE user_id = '" + id + "'");
        return id;
    }

    private void moveTo(String battleId, Duration by, String status) {
        clock.advance(by);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status.equals(given().auth()
                        .oauth2(admin)
                        .get("/api/battles/" + battleId)
                        .path("battle.status")));
    }

    private static Response enter(String user, String battleId, String mashupId) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .body(Map.of("mashupId", mashupId))
                .post("/api/battles/" + battleId + "/entries");
    }

    /** Scores as {@code judge}, holding the judge role. */
    private static Response score(String judge, String battleId, String entryId, Map<String, Integer> scores) {
        return given().auth()
                .oauth2(TestTokens.forUser(judge, "judge"))
                .contentType("application/json")
                .body(Map.of("scores", scores))
                .put("/api/battles/" + battleId + "/entries/" + entryId + "/score");
    }

    private static Response vote(String user, String battleId, String entryId) {
        return voteFrom("127.0.0.1", user, battleId, entryId);
    }

    /** A vote through the gateway from {@code address} (it names the client's address in X-Real-IP). */
    private static Response voteFrom(String address, String user, String battleId, String entryId) {
        return given().auth()
                .oauth2(TestTokens.forUser(user))
                .header("X-Forwarded-For", "198.51.100.1, 127.0.0.1")
                .header("X-Real-IP", address)
                .contentType("application/json")
                .body(Map.of("entryId", entryId))
                .post("/api/battles/" + battleId + "/vote");
    }

    @Test
    void onlyAdminsRunBattlesAndTimesMustBeInOrder() {
        Instant now = clock.instant();
        Map<String, Object> draft = new HashMap<>(Map.of(
                "title", "Clash",
                "startsAt", now.plus(HOUR).toString(),
                "entriesEndAt", now.plus(HOUR.multipliedBy(2)).toString(),
                "votingEndAt", now.plus(HOUR.multipliedBy(3)).toString()));
        given().auth()
                .oauth2(TestTokens.forUser("someone-" + UUID.randomUUID()))
                .contentType("application/json")
                .body(draft)
                .post("/api/battles")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        draft.put("votingEndAt", now.plus(HOUR).toString());
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(draft)
                .post("/api/battles")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("votingEndAt"));
        draft.put("votingEndAt", now.plus(HOUR.multipliedBy(3)).toString());
        draft.put("format", "knockout");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(draft)
                .post("/api/battles")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.endsWith("format"));
        given().auth()
                .oauth2(admin)
                .get("/api/battles?status=nonsense")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/battles").then().statusCode(401);
        // NUL and other control characters never reach Postgres: 400 problems, nothing stored
        draft.put("format", "open");
        draft.put("title", "Clash\u0000");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(draft)
                .post("/api/battles")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.endsWith("title"));
        String stranger = TestTokens.forUser("someone-" + UUID.randomUUID());
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(stranger)
                .get("/api/battles/a%00b")
                .then()
                .statusCode(400);
        for (String[] call : List.of(
                new String[] {"/entries", "{\"mashupId\": \"m\\u0000\"}"},
                new String[] {"/vote", "{\"entryId\": \"e\\u0000\"}"})) {
            given().auth()
                    .oauth2(stranger)
                    .contentType("application/json")
                    .body(call[1])
                    .post("/api/battles/" + UUID.randomUUID() + call[0])
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aBlindBattleFromEntriesThroughVotesToItsDecision() throws Exception {
        String judge = "judge-" + UUID.randomUUID();
        String battle = createBattle("blind", judge);
        String ann = agedUser("ann");
        String ben = agedUser("ben");
        String cat = agedUser("cat");
        String annMix = mashup(ann, "public");
        String benMix = mashup(ben, "unlisted");
        String catMix = mashup(cat, "public");
        String annPrivate = mashup(ann, "private");

        enter(ann, battle, annMix).then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("closed"));
        moveTo(battle, HOUR.plusMinutes(1), "active");

        enter(ben, battle, annMix).then().statusCode(403); // not ben's
        enter(ann, battle, annPrivate).then().statusCode(422);
        String annEntry =
                enter(ann, battle, annMix).then().statusCode(201).extract().path("id");
        enter(ann, battle, annMix).then().statusCode(409); // one entry per user
        String benEntry =
                enter(ben, battle, benMix).then().statusCode(201).extract().path("id");
        String catEntry =
                enter(cat, battle, catMix).then().statusCode(201).extract().path("id");
        vote(ben, battle, annEntry).then().statusCode(409); // voting has not opened

        moveTo(battle, HOUR, "voting");
        String voter = agedUser("voter");
        vote(voter, battle, annEntry).then().statusCode(200).body("entryId", equalTo(annEntry));
        vote(voter, battle, benEntry).then().statusCode(200); // replaces the first
        vote(ann, battle, annEntry).then().statusCode(403); // own entry
        vote(ann, battle, benEntry).then().statusCode(200);
        vote(cat, battle, benEntry).then().statusCode(200);
        vote(judge, battle, benEntry).then().statusCode(403);
        score(judge, battle, annEntry, Map.of("overall", 9)).then().statusCode(200);
        score(judge, battle, benEntry, Map.of("overall", 6)).then().statusCode(200);
        score(judge, battle, benEntry, Map.of("overall", 4)).then().statusCode(200); // replaces the 6
        score(judge, battle, benEntry, Map.of("overall", 11)).then().statusCode(400);
        score(judge, battle, benEntry, Map.of("flow", 5)).then().statusCode(400);
        score(voter, battle, benEntry, Map.of("overall", 10)).then().statusCode(403); // holds the role, not listed
        given().auth()
                .oauth2(TestTokens.forUser(judge)) // listed, without the role
                .contentType("application/json")
                .body(Map.of("scores", Map.of("overall", 10)))
                .put("/api/battles/" + battle + "/entries/" + benEntry + "/score")
                .then()
                .statusCode(403);
        String newcomer = "new-" + UUID.randomUUID();
        vote(newcomer, battle, annEntry)
                .then()
                .statusCode(403)
                .body("type", org.hamcrest.Matchers.endsWith("account-too-new"));
        String other = createBattle("open");
        vote(voter, other, annEntry).then().statusCode(409); // not voting yet, and not its entry anyway
        vote(voter, battle, UUID.randomUUID().toString()).then().statusCode(422);
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM battle_votes WHERE battle_id = '" + battle + "' AND user_id = '" + voter
                                + "'"));

        // blind: nobody learns a count, a rank or even the order of votes, whoever asks
        for (String who : List.of(ann, voter, judge, "stranger-" + UUID.randomUUID())) {
            Response detail = given().auth().oauth2(TestTokens.forUser(who)).get("/api/battles/" + battle);
            detail.then()
                    .statusCode(200)
                    .body("entries.votes", org.hamcrest.Matchers.everyItem(nullValue()))
                    .body("entries.rank", org.hamcrest.Matchers.everyItem(nullValue()))
                    .body("battle.heldVotes", nullValue())
                    .body("entries.id", equalTo(List.of(annEntry, benEntry, catEntry)));
            given().auth()
                    .oauth2(TestTokens.forUser(who))
                    .get("/api/battles/" + battle + "/held-votes")
                    .then()
                    .statusCode(403);
            String listed = given().auth()
                    .oauth2(TestTokens.forUser(who))
                    .get("/api/battles?status=voting")
                    .asString();
            assertTrue(!listed.contains("\"votes\"") && !listed.contains("\"rank\""), listed);
            given().auth()
                    .oauth2(TestTokens.forUser(who))
                    .get("/api/battles/" + battle + "/leaderboard?size=2")
                    .then()
                    .statusCode(200)
                    .body("entries.votes", org.hamcrest.Matchers.everyItem(nullValue()))
                    .body("entries.rank", org.hamcrest.Matchers.everyItem(nullValue()))
                    .body("entries.id", equalTo(List.of(annEntry, benEntry)))
                    .body("total", equalTo(3));
        }
        given().auth()
                .oauth2(TestTokens.forUser(voter))
                .get("/api/battles/" + battle)
                .then()
                .body("userVote", equalTo(benEntry));

        // a deleted mashup's entry leaves the battle; its votes no longer count
        TestEvents.publish(EventCatalog.MASHUP_CHANGED, catMix, new MashupChangedV1(catMix, cat, "x", "public", true));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !given().auth()
                        .oauth2(admin)
                        .get("/api/battles/" + battle)
                        .<List<String>>path("entries.id")
                        .contains(catEntry));

        moveTo(battle, HOUR, "completed");
        // ben: half of 3/3 votes + half of 4/10 = 0.7; ann: half of 0 + half of 9/10 = 0.45
        Response decided = given().auth().oauth2(TestTokens.forUser(ann)).get("/api/battles/" + battle);
        decided.then()
                .body("entries.judgesScore", equalTo(List.of(4.0f, 9.0f)))
                .body("entries.prize", equalTo(List.of(500, 200)))
                .body("entries.id", equalTo(List.of(benEntry, annEntry)))
                .body("entries.votes", equalTo(List.of(3, 0)))
                .body("entries.rank", equalTo(List.of(1, 2)))
                .body("entries[0].user.name", equalTo("Name of ben"));
        vote(voter, battle, annEntry).then().statusCode(409);
        given().auth()
                .oauth2(TestTokens.forUser(ben))
                .get("/api/community/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(500))
                .body("entries[0].source", equalTo("battle:" + battle));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestEvents.published(EventCatalog.BATTLE_COMPLETED, battle)
                                .size()
                        == 1);
        BattleCompletedV1 completed =
                TestEvents.published(EventCatalog.BATTLE_COMPLETED, battle).get(0);
        assertEquals(
                List.of(ben, ann),
                completed.places().stream().map(BattleCompletedV1.Place::userId).toList());
        assertEquals(3, completed.totalVotes());
    }

    /** A battle in its voting phase with two entries: ann's and ben's public mashups. */
    private record Duel(String battle, String ann, String ben, String benMix, String annEntry, String benEntry) {}

    private Duel duelInVoting(String voting) throws Exception {
        return duelInVotingAs("open", voting);
    }

    private Duel duelInVotingAs(String format, String voting) throws Exception {
        String battle = createBattleAs(format, voting);
        String ann = agedUser("ann");
        String ben = agedUser("ben");
        String annMix = mashup(ann, "public");
        String benMix = mashup(ben, "public");
        moveTo(battle, HOUR.plusMinutes(1), "active");
        String annEntry =
                enter(ann, battle, annMix).then().statusCode(201).extract().path("id");
        String benEntry =
                enter(ben, battle, benMix).then().statusCode(201).extract().path("id");
        moveTo(battle, HOUR, "voting");
        return new Duel(battle, ann, ben, benMix, annEntry, benEntry);
    }

    @Test
    void aSingleEliminationBracketIsSeededPlayedWindowByWindowAndRated() throws Exception {
        String judge = "judge-" + UUID.randomUUID();
        String battle = createBattleAs("single", "blind", judge);
        String ann = agedUser("ann");
        String ben = agedUser("ben");
        String cat = agedUser("cat");
        // ann has won battles before: the top seed, with the bye; ben and cat are drawn
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO battle_ratings (user_id, rating, battles, updated_at) VALUES ('" + ann
                        + "', 1700, 1, now())");
        String annMix = mashup(ann, "public");
        String benMix = mashup(ben, "public");
        String catMix = mashup(cat, "public");
        moveTo(battle, HOUR.plusMinutes(1), "active");
        String annEntry =
                enter(ann, battle, annMix).then().statusCode(201).extract().path("id");
        String benEntry =
                enter(ben, battle, benMix).then().statusCode(201).extract().path("id");
        String catEntry =
                enter(cat, battle, catMix).then().statusCode(201).extract().path("id");
        given().auth()
                .oauth2(admin)
                .get("/api/battles/" + battle + "/bracket")
                .then()
                .statusCode(200)
                .body("drawn", equalTo(false))
                .body("rounds.size()", equalTo(0));

        moveTo(battle, HOUR, "voting");
        Response bracket = bracket(ben, battle);
        assertEquals(annEntry, bracket.path("rounds[0].matches[0].entrants[0].id"));
        assertEquals("bye", bracket.path("rounds[0].matches[0].status"));
        assertEquals(1, (int) bracket.path("rounds[0].matches[0].entrants[0].seed"));
        assertEquals("open", bracket.path("rounds[0].matches[1].status"));
        assertNull(bracket.path("rounds[0].matches[1].votes"), "blind: no counts while the match is open");
        assertTrue(bracket.path("drawSeed") != null, "the draw's seed is kept");
        String first = bracket.path("rounds[0].matches[1].entrants[0].id");
        String second = bracket.path("rounds[0].matches[1].entrants[1].id");
        assertEquals(java.util.Set.of(benEntry, catEntry), java.util.Set.of(first, second));
        String v1 = agedUser("v1");
        String v2 = agedUser("v2");
        String v3 = agedUser("v3");
        vote(v1, battle, catEntry).then().statusCode(200);
        vote(v2, battle, catEntry).then().statusCode(200);
        vote(v3, battle, benEntry).then().statusCode(200);
        vote(v3, battle, annEntry).then().statusCode(409); // ann plays in the next window
        vote(ben, battle, catEntry).then().statusCode(403); // ben plays in this match
        // blind: no count, rank or score before the window closes, whoever asks and wherever
        for (String who : List.of(ben, v1, judge, "stranger-" + UUID.randomUUID())) {
            assertNull(bracket(who, battle).path("rounds[0].matches[1].votes"), who);
            for (String path : List.of("", "/leaderboard")) {
                given().auth()
                        .oauth2(TestTokens.forUser(who))
                        .get("/api/battles/" + battle + path)
                        .then()
                        .statusCode(200)
                        .body("entries.votes", org.hamcrest.Matchers.everyItem(nullValue()))
                        .body("entries.rank", org.hamcrest.Matchers.everyItem(nullValue()))
                        .body("entries.score", org.hamcrest.Matchers.everyItem(nullValue()));
            }
        }

        clock.advance(Duration.ofMinutes(30)); // the first window closes
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "decided".equals(bracket(v1, battle).path("rounds[0].matches[1].status")));
        bracket = bracket(v1, battle);
        assertEquals(catEntry, bracket.path("rounds[0].matches[1].winner"));
        assertEquals(
                catEntry.equals(first) ? List.of(2, 1) : List.of(1, 2),
                bracket.path("rounds[0].matches[1].votes"),
                "a decided match's counts are shown");
        assertEquals("open", bracket.path("rounds[1].matches[0].status"));
        assertEquals(List.of(annEntry, catEntry), bracket.path("rounds[1].matches[0].entrants.id"));
        vote(v1, battle, annEntry).then().statusCode(200);
        vote(v2, battle, annEntry).then().statusCode(200);
        vote(v3, battle, catEntry).then().statusCode(200);

        moveTo(battle, Duration.ofMinutes(30), "completed");
        Response detail = given().auth().oauth2(admin).get("/api/battles/" + battle);
        assertEquals(List.of(annEntry, catEntry, benEntry), detail.path("entries.id"));
        assertEquals(List.of(1, 2, 3), detail.path("entries.rank"));
        assertEquals(annEntry, bracket(v1, battle).path("champion"));
        given().auth()
                .oauth2(admin)
                .get("/api/battles/" + battle + "/leaderboard?page=2&size=2")
                .then()
                .statusCode(200)
                .body("entries.id", equalTo(List.of(benEntry)))
                .body("entries.rank", equalTo(List.of(3)))
                .body("total", equalTo(3));
        given().auth()
                .oauth2(TestTokens.forUser(ann))
                .get("/api/community/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(500));
        Map<String, Double> ratings = new HashMap<>();
        for (String user : List.of(ann, ben, cat)) {
            ratings.put(
                    user,
                    MashupsTestEnvironment.count(
                                    schema,
                                    "SELECT round(rating * 1000) FROM battle_ratings WHERE user_id = '" + user + "'")
                            / 1000.0);
        }
        assertTrue(ratings.get(ann) > 1700, "ann won a game: " + ratings);
        assertTrue(ratings.get(cat) > ratings.get(ben), "cat beat ben: " + ratings);
        given().auth()
                .oauth2(admin)
                .get("/api/battles/" + createBattle("open") + "/bracket")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aDoubleEliminationFinalIsResetWhenTheLosersChampionWinsIt() throws Exception {
        Duel duel = duelInVotingAs("double", "open");
        String voter = agedUser("voter");
        // three windows of 20 minutes: the winners' final, the grand final, its reset
        Response bracket = bracket(voter, duel.battle());
        assertEquals(List.of("winners", "final", "final"), bracket.path("rounds.part"));
        String first = bracket.path("rounds[0].matches[0].entrants[0].id");
        String second = first.equals(duel.annEntry()) ? duel.benEntry() : duel.annEntry();
        vote(voter, duel.battle(), first).then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "open".equals(bracket(voter, duel.battle()).path("rounds[1].matches[0].status")));
        // the grand final: the winners' champion against the losers' one, who wins it
        vote(voter, duel.battle(), second).then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "open".equals(bracket(voter, duel.battle()).path("rounds[2].matches[0].status")));
        vote(voter, duel.battle(), second).then().statusCode(200);
        moveTo(duel.battle(), Duration.ofMinutes(20), "completed");
        bracket = bracket(voter, duel.battle());
        assertEquals(second, bracket.path("champion"));
        assertEquals(second, bracket.path("rounds[1].matches[0].winner"));
        assertEquals("decided", bracket.path("rounds[2].matches[0].status"));
        assertEquals(List.of(first, second), bracket.path("rounds[2].matches[0].entrants.id"));
        assertEquals(
                List.of(second, first),
                given().auth()
                        .oauth2(admin)
                        .get("/api/battles/" + duel.battle())
                        .path("entries.id"));
    }

    private static Response bracket(String user, String battleId) {
        return given().auth().oauth2(TestTokens.forUser(user)).get("/api/battles/" + battleId + "/bracket");
    }

    @Test
    void aBlockedMashupsEntryLeavesAndOpenVotingShowsCountsLive() throws Exception {
        Duel duel = duelInVoting("open");
        String battle = duel.battle();
        String ann = duel.ann();
        String ben = duel.ben();
        String benMix = duel.benMix();
        String annEntry = duel.annEntry();
        String benEntry = duel.benEntry();
        vote(ann, battle, benEntry).then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.forUser(ann))
                .get("/api/battles/" + battle)
                .then()
                .body("entries.id", equalTo(List.of(benEntry, annEntry)))
                .body("entries.votes", equalTo(List.of(1, 0)));
        given().auth()
                .oauth2(TestTokens.forUser(ann))
                .get("/api/battles/" + battle + "/leaderboard?size=1")
                .then()
                .body("entries.id", equalTo(List.of(benEntry)))
                .body("entries.votes", equalTo(List.of(1)))
                .body("entries.rank", equalTo(List.of(1)));

        TestEvents.publish(
                EventCatalog.ATTRIBUTION_VERDICT,
                benMix,
                new AttributionVerdictV1(benMix, ben, "blocked", null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(admin)
                        .get("/api/battles/" + battle)
                        .<List<String>>path("entries.id")
                        .equals(List.of(annEntry)));
        vote(ann, battle, benEntry).then().statusCode(422); // no longer standing
    }

    @Test
    void aThousandConcurrentVotesFromTwoHundredUsersLeaveOneEach() throws Exception {
        Duel duel = duelInVoting("blind");
        String battle = duel.battle();
        List<String> entries = List.of(duel.annEntry(), duel.benEntry());
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            voters.add("crowd-" + i + "-" + UUID.randomUUID());
        }
        // known for a week before they vote
        for (String voter : voters) {
            MashupsTestEnvironment.execute(
                    schema,
                    "INSERT INTO profiles (user_id, first_seen, updated_at) VALUES ('" + voter
                            + "', now() - interval '7 days', now())");
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String voter = voters.get(i % 200);
                String entry = entries.get(i % 2);
                answers.add(threads.submit(() -> vote(voter, battle, entry).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(
                200,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM battle_votes WHERE battle_id = '" + battle + "'"));
        assertNull(given().auth()
                .oauth2(TestTokens.forUser(duel.ann()))
                .get("/api/battles/" + battle)
                .path("entries[0].votes"));
    }

    /**
     * Votes are committed in groups; a group that fails is cast again vote by vote. One voter's vote is made to fail in
     * the database (a constraint against them), and sent while the battle's lock is held elsewhere (as the clock holds
     * it), so that it waits with others and goes in a group of several: every other vote is answered and stored once,
     * theirs is neither.
     */
    @Test
    void aGroupThatFailsIsCastAgainVoteByVote() throws Exception {
        Duel duel = duelInVoting("open");
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String voter = "group-" + i + "-" + UUID.randomUUID();
            voters.add(voter);
            MashupsTestEnvironment.execute(
                    schema,
                    "INSERT INTO profiles (user_id, first_seen, updated_at) VALUES ('" + voter
                            + "', now() - interval '7 days', now())");
        }
        String poisoned = voters.get(60);
        // the meters exist once the service cast its first vote
        DistributionSummary groupsSoFar =
                metrics.find("community.votes.group.size").summary();
        long groupsBefore = groupsSoFar == null ? 0 : groupsSoFar.count();
        double votesBefore = groupsSoFar == null ? 0 : groupsSoFar.totalAmount();
        Counter castAgainSoFar =
                metrics.find("community.votes.groups.cast-again").counter();
        double castAgainBefore = castAgainSoFar == null ? 0 : castAgainSoFar.count();
        MashupsTestEnvironment.execute(
                schema, "ALTER TABLE battle_votes ADD CONSTRAINT poisoned CHECK (user_id <> '" + poisoned + "')");
        ExecutorService threads = Executors.newFixedThreadPool(voters.size());
        try (Connection clock = MashupsTestEnvironment.jdbc(schema)) {
            clock.setAutoCommit(false);
            try (Statement lock = clock.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(battle_lock_key('" + duel.battle() + "'))");
            }
            List<Future<Integer>> answers = new ArrayList<>();
            for (String voter : voters) {
                answers.add(threads.submit(
                        () -> vote(voter, duel.battle(), duel.benEntry()).statusCode()));
                if (answers.size() == 20) {
                    Thread.sleep(1_000); // the first votes fill the groups in flight; the rest wait in the queue
                }
            }
            Thread.sleep(1_000);
            clock.rollback();
            for (int i = 0; i < voters.size(); i++) {
                assertEquals(i == 60 ? 500 : 200, answers.get(i).get(), voters.get(i));
            }
        } finally {
            threads.shutdown();
            MashupsTestEnvironment.execute(schema, "ALTER TABLE battle_votes DROP CONSTRAINT poisoned");
        }
        assertEquals(
                voters.size() - 1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM battle_votes WHERE battle_id = '" + duel.battle()
                                + "' AND user_id LIKE 'group-%'"));
        DistributionSummary groups = metrics.get("community.votes.group.size").summary();
        assertTrue(
                groups.count() - groupsBefore < groups.totalAmount() - votesBefore,
                "votes sent together were committed together");
        assertEquals(
                1,
                metrics.get("community.votes.groups.cast-again").counter().count() - castAgainBefore,
                "the poisoned vote's group was cast again vote by vote");
    }

    /**
     * A replica killed while it decides a battle: the deciding transaction has written results, prizes and ratings
     * and waits to write its event (the test holds the outbox locked) when its connection dies, as it would with the
     * process. Nothing of it stays, the battle is still voting, and the next tick decides it, once.
     */
    @Test
    void aReplicaKilledWhileDecidingLeavesNothingAndTheNextTickDecidesOnce() throws Exception {
        Duel duel = duelInVoting("open");
        vote(duel.ann(), duel.battle(), duel.benEntry()).then().statusCode(200);
        String source = "'battle:" + duel.battle() + "'";
        String ratings = "SELECT count(*) FROM battle_ratings WHERE battles = 1 AND user_id IN ('" + duel.ann() + "', '"
                + duel.ben() + "')";
        String results = "SELECT count(*) FROM battle_results WHERE battle_id = '" + duel.battle() + "'";
        try (Connection outboxHolder = MashupsTestEnvironment.jdbc(schema);
                Connection observer = MashupsTestEnvironment.jdbc(schema)) {
            outboxHolder.setAutoCommit(false);
            try (Statement lock = outboxHolder.createStatement()) {
                lock.execute("LOCK TABLE outbox IN EXCLUSIVE MODE");
            }
            long holder = single(outboxHolder, "SELECT pg_backend_pid()");
            clock.advance(HOUR);
            String decider = "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
                    + "AND l.mode = 'ExclusiveLock' AND l.classid::bigint = (battle_lock_key('" + duel.battle()
                    + "') >> 32) & 4294967295 AND l.objid::bigint = battle_lock_key('" + duel.battle()
                    + "') & 4294967295 AND " + holder + " = ANY (pg_blocking_pids(l.pid))";
            long pid =
                    await().atMost(Duration.ofSeconds(30)).until(() -> single(observer, decider), found -> found > 0);
            assertEquals(
                    2,
                    single(
                            observer,
                            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = " + pid
                                    + " AND l.mode = 'RowExclusiveLock' AND c.relname IN ('battle_results', 'credit_ledger')"),
                    "the decider has written results and prizes");
            assertTrue(observer.createStatement()
                    .executeQuery("SELECT pg_terminate_backend(" + pid + ")")
                    .next());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> single(observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) == 0);
            assertEquals("voting", storedStatus(observer, duel.battle()));
            assertEquals(0, single(observer, results));
            assertEquals(0, single(observer, "SELECT count(*) FROM credit_ledger WHERE source = " + source));
            assertEquals(0, single(observer, ratings));
            outboxHolder.rollback();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "completed".equals(storedStatus(observer, duel.battle())));
        }
        assertEquals(
                2, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM credit_ledger WHERE source = " + source));
        assertEquals(2, MashupsTestEnvironment.count(schema, results));
        assertEquals(2, MashupsTestEnvironment.count(schema, ratings));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestEvents.published(EventCatalog.BATTLE_COMPLETED, duel.battle())
                                .size()
                        == 1);
    }

    /**
     * Two replicas' clocks, the scheduler's and a second one ticking every period on a thread of its own, each with its
     * own connections: each phase is stored once (a trigger keeps every committed status change), within one period
     * of the clock passing its time plus the tick's own work (allowed another period).
     */
    @Test
    void everyPhaseIsStoredOnceWithinOnePeriodWhileTwoReplicasTick() throws Exception {
        MashupsTestEnvironment.execute(
                schema,
                "CREATE TABLE IF NOT EXISTS phase_changes (battle_id text NOT NULL, status text NOT NULL, "
                        + "at timestamptz NOT NULL DEFAULT clock_timestamp())");
        MashupsTestEnvironment.execute(
                schema,
                "CREATE OR REPLACE FUNCTION remember_phase_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "INSERT INTO phase_changes (battle_id, status) VALUES (NEW.id, NEW.status); RETURN NEW; END $$");
        MashupsTestEnvironment.execute(
                schema,
                "CREATE OR REPLACE TRIGGER phase_changes AFTER UPDATE OF status ON battles FOR EACH ROW "
                        + "WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION remember_phase_change()");
        String battle = createBattle("open");
        String ann = agedUser("ann");
        String ben = agedUser("ben");
        String annMix = mashup(ann, "public");
        String benMix = mashup(ben, "public");
        List<Throwable> secondReplicaFailures = new CopyOnWriteArrayList<>();
        ScheduledExecutorService secondReplica = Executors.newSingleThreadScheduledExecutor();
        Map<String, Duration> lags = new LinkedHashMap<>();
        try (Connection observer = MashupsTestEnvironment.jdbc(schema)) {
            secondReplica.scheduleAtFixedRate(
                    () -> {
                        try {
                            VertxContextSupport.subscribeAndAwait(battleClock::tick);
                        } catch (Throwable e) {
                            secondReplicaFailures.add(e);
                        }
                    },
                    0,
                    clockPeriod.toMillis(),
                    TimeUnit.MILLISECONDS);
            lags.put("active", storedAfter(observer, battle, HOUR, "active"));
            enter(ann, battle, annMix).then().statusCode(201);
            String benEntry =
                    enter(ben, battle, benMix).then().statusCode(201).extract().path("id");
            lags.put("voting", storedAfter(observer, battle, HOUR, "voting"));
            vote(ann, battle, benEntry).then().statusCode(200);
            lags.put("completed", storedAfter(observer, battle, HOUR, "completed"));
        } finally {
            secondReplica.shutdown();
            assertTrue(secondReplica.awaitTermination(30, TimeUnit.SECONDS));
            MashupsTestEnvironment.execute(schema, "DROP TRIGGER phase_changes ON battles");
        }
        LOG.infof("stored phase changes after the clock passed their time: %s", lags);
        assertEquals(List.of(), secondReplicaFailures);
        List<String> changes = new ArrayList<>();
        try (Connection db = MashupsTestEnvironment.jdbc(schema);
                var rows = db.createStatement()
                        .executeQuery(
                                "SELECT status FROM phase_changes WHERE battle_id = '" + battle + "' ORDER BY at")) {
            while (rows.next()) {
                changes.add(rows.getString(1));
            }
        }
        assertEquals(List.of("active", "voting", "completed"), changes);
        lags.forEach((phase, lag) -> assertTrue(
                lag.compareTo(clockPeriod.multipliedBy(2)) <= 0, phase + " stored " + lag + " after its time"));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM credit_ledger WHERE source = 'battle:" + battle + "'"),
                "both places' prizes, once");
    }

    /** Moves the clock by {@code by} and answers how long the clock took to store {@code status} after it. */
    private Duration storedAfter(Connection observer, String battleId, Duration by, String status) {
        clock.advance(by);
        long moved = System.nanoTime();
        await().pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(30))
                .until(() -> status.equals(storedStatus(observer, battleId)));
        return Duration.ofNanos(System.nanoTime() - moved);
    }

    private static String storedStatus(Connection db, String battleId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT status FROM battles WHERE id = ?")) {
            query.setString(1, battleId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The first column of the first row, 0 for none. */
    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    @Test
    void prizesAreCreditedOnceWhileReplicasRaceAndWhenTheDecisionIsReplayed() throws Throwable {
        Duel duel = duelInVoting("open");
        vote(duel.ann(), duel.battle(), duel.benEntry()).then().statusCode(200);
        clock.advance(HOUR);
        // eight ticks at once beside the scheduler's, as eight replicas would (each on a context of its own)
        ExecutorService replicas = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> ticks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ticks.add(replicas.submit(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(battleClock::tick);
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Future<?> tick : ticks) {
                tick.get();
            }
        } finally {
            replicas.shutdown();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(admin)
                                .get("/api/battles/" + duel.battle())
                                .path("battle.status")));
        // the decision replayed: the battle put back to voting, as a restored backup would have it
        MashupsTestEnvironment.execute(
                schema, "UPDATE battles SET status = 'voting' WHERE id = '" + duel.battle() + "'");
        VertxContextSupport.subscribeAndAwait(battleClock::tick);
        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM battles WHERE status = 'completed' AND id = '" + duel.battle() + "'"));
        String source = "'battle:" + duel.battle() + "'";
        assertEquals(
                2, MashupsTestEnvironment.count(schema, "SELECT count(*) FROM credit_ledger WHERE source = " + source));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM battle_ratings WHERE battles = 1 AND user_id IN ('" + duel.ann() + "', '"
                                + duel.ben() + "')"),
                "ratings moved once");
        assertEquals(
                700,
                MashupsTestEnvironment.count(schema, "SELECT sum(amount) FROM credit_ledger WHERE source = " + source));
        assertEquals(
                2,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM battle_results WHERE battle_id = '" + duel.battle() + "'"));
        // every user's balance is the sum of their entries
        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM (SELECT user_id, sum(amount) AS total, (array_agg(balance ORDER BY id DESC))[1] "
                                + "AS balance FROM credit_ledger GROUP BY user_id) b WHERE total <> balance"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestEvents.published(EventCatalog.BATTLE_COMPLETED, duel.battle())
                                .size()
                        == 1);
    }

    /** Users community first saw {@code days} ago. */
    private List<String> usersSeen(String name, int count, int days) throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = name + "-" + i + "-" + UUID.randomUUID();
            MashupsTestEnvironment.execute(
                    schema,
                    "INSERT INTO profiles (user_id, first_seen, updated_at) VALUES ('" + id + "', now() - interval '"
                            + days + " days', now())");
            users.add(id);
        }
        return users;
    }

    @Test
    void stuffedVotesAreHeldUntilAnAdminDecidesAndFloodsAreRateLimited() throws Exception {
        Duel duel = duelInVoting("open");
        String battle = duel.battle();
        // a burst of 25 accounts first seen 5 days ago (old enough to vote, still new), each from its own address
        List<String> newcomers = usersSeen("newcomer", 25, 5);
        List<Boolean> held = new ArrayList<>();
        for (int i = 0; i < newcomers.size(); i++) {
            held.add(voteFrom("10.0.0." + i, newcomers.get(i), battle, duel.annEntry())
                    .then()
                    .statusCode(200)
                    .extract()
                    .<Boolean>path("held"));
        }
        assertEquals(20, held.stream().filter(h -> !h).count(), "the first 20 count: " + held);
        given().auth()
                .oauth2(admin)
                .get("/api/battles/" + battle)
                .then()
                .body("battle.heldVotes", equalTo(5))
                .body("entries[0].votes", equalTo(20));

        // eight old accounts from one address: five count, the rest wait
        for (String user : usersSeen("household", 8, 60)) {
            voteFrom("203.0.113.7", user, battle, duel.benEntry()).then().statusCode(200);
        }
        Response review = given().auth().oauth2(admin).get("/api/battles/" + battle + "/held-votes?size=100");
        review.then().statusCode(200).body("votes.size()", equalTo(8));
        assertEquals(
                List.of("a burst of votes from new accounts", "many voters from one address"),
                review.<List<String>>path("votes.reason").stream()
                        .distinct()
                        .sorted()
                        .toList());
        given().auth()
                .oauth2(TestTokens.forUser(duel.ann()))
                .get("/api/battles/" + battle + "/held-votes")
                .then()
                .statusCode(403);

        String accepted = newcomers.get(24);
        String rejected = newcomers.get(23);
        given().auth()
                .oauth2(admin)
                .post("/api/battles/" + battle + "/held-votes/" + accepted + "/accept")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .delete("/api/battles/" + battle + "/held-votes/" + rejected)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .delete("/api/battles/" + battle + "/held-votes/" + rejected)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .get("/api/battles/" + battle)
                .then()
                .body("battle.heldVotes", equalTo(6))
                .body("entries.votes", equalTo(List.of(21, 5)));

        // one user changing their vote over and over runs out of votes (burst 10)
        String restless = usersSeen("restless", 1, 60).get(0);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(voteFrom("192.0.2.9", restless, battle, i % 2 == 0 ? duel.annEntry() : duel.benEntry())
                    .statusCode());
        }
        assertEquals(10, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        voteFrom("192.0.2.9", restless, battle, duel.annEntry())
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("retryAfter", equalTo(2));
    }
}
