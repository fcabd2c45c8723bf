package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A challenge through the gateway, on the running fleet: two creators submit real generated mashups, a listener plays,
 * likes and shares one of them as the frontend reports it to analytics-ingest, the engagement it publishes moves the
 * leaderboard, and at the end the winner has the reward's credits and badge, the XP for winning, and
 * {@code community.challenge-completed} names them.
 */
@ExtendWith(Fleet.class)
class ChallengeFlowIT {
    @Test
    void engagementRanksAChallengeAndTheWinnerIsRewarded() throws Exception {
        String[] creators = {"challenger-a-" + UUID.randomUUID(), "challenger-b-" + UUID.randomUUID()};
        String[] tokens = new String[2];
        List<MashupFlowIT.Generation> generations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tokens[i] = MashupFlowIT.subscriber(creators[i]);
            generations.add(new MashupFlowIT.Generation(tokens[i], 96 + 4 * i, 330 + 40 * i));
        }
        String[] mashups = MashupFlowIT.publicMashups(generations).toArray(String[]::new);

        String admin = FrontendSessionIT.devToken("challenge-admin-" + UUID.randomUUID(), "admin");
        Instant now = Instant.now();
        Instant endsAt = now.plusSeconds(40);
        String challenge = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "System remix sprint",
                        "theme",
                        "speed",
                        "startsAt",
                        now.plusSeconds(1).toString(),
                        "endsAt",
                        endsAt.toString(),
                        "freezesAt",
                        endsAt.minusSeconds(3).toString(),
                        // both submissions earn the early bonus however long a loaded machine takes to send them
                        "earlyUntil",
                        endsAt.minusSeconds(10).toString(),
                        "rewardCredits",
                        250,
                        "rewardBadgeId",
                        "challenge_winner"))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        for (int i = 0; i < 2; i++) {
            String token = tokens[i];
            String mashup = mashups[i];
            // submissions open a second after creation; the mashup reaches community through Kafka
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> given().auth()
                                    .oauth2(token)
                                    .contentType("application/json")
                                    .body(Map.of("mashupId", mashup))
                                    .post("/api/challenges/" + challenge + "/submit")
                                    .statusCode()
                            == 201);
        }

        // the second creator's mashup is played to its end, liked and shared: 1 + 5 + 10 points over the early 50
        AnalyticsFlowIT.playLikeAndShare(
                FrontendSessionIT.devToken("challenge-fan-" + UUID.randomUUID(), ""), mashups[1]);
        String board = await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth()
                                .oauth2(tokens[0])
                                .get("/api/challenges/" + challenge + "/leaderboard")
                                .asString(),
                        answer -> answer.contains("\"score\":66"));
        SeedContract.assertAnswers("GET /api/challenges/{id}/leaderboard", "ChallengeLeaderboardResponse", board);
        given().auth()
                .oauth2(tokens[0])
                .get("/api/challenges/" + challenge + "/leaderboard")
                .then()
                .body("entries.mashup.id", equalTo(List.of(mashups[1], mashups[0])))
                .body("entries.user.id", equalTo(List.of(creators[1], creators[0])))
                .body("entries.score", equalTo(List.of(66, 50)))
                .body("entries[0].breakdown.plays", equalTo(1))
                .body("entries[0].breakdown.likes", equalTo(1))
                .body("entries[0].breakdown.shares", equalTo(1));

        await().atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(admin)
                                .get("/api/challenges/" + challenge)
                                .path("status")));
        given().auth()
                .oauth2(tokens[1])
                .get("/api/challenges/" + challenge + "/leaderboard")
                .then()
                .statusCode(200)
                .body("final", equalTo(true))
                .body("entries.rank", equalTo(List.of(1, 2)));
        given().auth()
                .oauth2(tokens[1])
                .get("/api/community/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(250));
        given().auth()
                .oauth2(tokens[0])
                .get("/api/community/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(0));

        // the win's 500 XP on top of the mashup created (100), the like received (10) and the play (1)
        Response profile = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth().oauth2(tokens[1]).get("/api/gamification/profile"),
                        answer -> answer.<Integer>path("xp") >= 611);
        SeedContract.assertAnswers("GET /api/gamification/profile", "GamificationProfileResponse", profile.asString());
        profile.then()
                .body("xp", equalTo(611))
                .body("level", equalTo(3))
                .body("badges.id", hasItem("challenge_winner"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !KafkaTopics.keyed("community.challenge-completed", challenge)
                        .isEmpty());
        List<String> completed = KafkaTopics.keyed("community.challenge-completed", challenge);
        assertEquals(1, completed.size(), completed.toString());
        assertTrue(completed.get(0).contains(creators[1]), completed.get(0));
    }
}
