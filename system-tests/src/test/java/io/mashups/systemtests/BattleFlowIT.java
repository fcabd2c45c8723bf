package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A battle through the gateway, on the running fleet: three pro users generate real mashups and enter them, users
 * vote, a judge scores, the battle completes on its schedule, the winner's prize is on their credit ledger and
 * {@code community.battle-completed} names the places. A second community replica runs meanwhile: two clocks race for
 * every transition and the decision, and the prizes and the event still come once.
 */
@ExtendWith(Fleet.class)
class BattleFlowIT {
    /** The dev port the second community replica takes (shifted like the fleet's). */
    private static final int SECOND_REPLICA = 8095;

    @Test
    void anAdminsBattleRunsFromEntriesToPrizes() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Integer> secondReplica = background.submit(() -> Fleet.replica("community", SECOND_REPLICA));
        try {
            battle(secondReplica);
        } finally {
            background.shutdown();
            Fleet.retire("community@" + secondReplica.get());
        }
    }

    private void battle(Future<Integer> secondReplica) throws Exception {
        List<String> entrants = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<MashupFlowIT.Generation> generations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = "battler-" + i + "-" + UUID.randomUUID();
            String token = MashupFlowIT.subscriber(user);
            generations.add(new MashupFlowIT.Generation(token, 96 + i, 330 + 20 * i));
            entrants.add(user);
            tokens.add(token);
        }
        List<String> jobs = MashupFlowIT.publicMashups(generations);
        secondReplica.get();

        String admin = FrontendSessionIT.devToken("battle-admin-" + UUID.randomUUID(), "admin");
        String judge = "battle-judge-" + UUID.randomUUID();
        Instant now = Instant.now();
        String battle = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title", "System clash",
                        "voting", "blind",
                        "startsAt", now.plusSeconds(2).toString(),
                        "entriesEndAt", now.plusSeconds(15).toString(),
                        "votingEndAt", now.plusSeconds(30).toString(),
                        "judges", List.of(judge),
                        "communityWeight", 0.5,
                        "judgesWeight", 0.5,
                        "prizes", List.of(300, 100)))
                .post("/api/battles")
                .then()
                .statusCode(201)
                .extract()
                .path("battle.id");

        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = tokens.get(i);
            String job = jobs.get(i);
            String[] entry = new String[1];
            // entries open two seconds after creation; the mashup reaches community through Kafka
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Response answer = given().auth()
                                .oauth2(token)
                                .contentType("application/json")
                                .body(Map.of("mashupId", job))
                                .post("/api/battles/" + battle + "/entries");
                        entry[0] = answer.statusCode() == 201 ? answer.path("id") : null;
                        return entry[0] != null;
                    });
            entries.add(entry[0]);
        }

        // voting opens when entries close: entrant 1 gets three votes, entrant 0 one
        List<String> voters = List.of("fan-a", "fan-b", "fan-c", "fan-d");
        List<Integer> choices = List.of(1, 1, 1, 0);
        for (int i = 0; i < voters.size(); i++) {
            String voter = FrontendSessionIT.devToken(voters.get(i) + "-" + UUID.randomUUID(), "");
            String entry = entries.get(choices.get(i));
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        Response vote = given().auth()
                                .oauth2(voter)
                                .contentType("application/json")
                                .body(Map.of("entryId", entry))
                                .post("/api/battles/" + battle + "/vote");
                        // 409 until voting opens
                        assertEquals(200, vote.statusCode(), vote.asString());
                    });
        }
        String judgeToken = FrontendSessionIT.devToken(judge, "judge");
        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(judgeToken)
                    .contentType("application/json")
                    .body(Map.of("scores", Map.of("overall", 5 + i)))
                    .put("/api/battles/" + battle + "/entries/" + entries.get(i) + "/score")
                    .then()
                    .statusCode(200);
        }
        Response blind = given().auth().oauth2(tokens.get(0)).get("/api/battles/" + battle);
        assertTrue(blind.<List<Object>>path("entries.votes").stream().allMatch(v -> v == null), blind.asString());

        // decided on schedule: entrant 1 first (0.5 * 3/4 + 0.5 * 0.6), entrant 2 second (0.5 * 0 + 0.5 * 0.7 = 0.35
        // against entrant 0's 0.5 * 1/4 + 0.5 * 0.5 = 0.375): entrant 0 second, entrant 2 third
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed"
                        .equals(given().auth()
                                .oauth2(admin)
                                .get("/api/battles/" + battle)
                                .path("battle.status")));
        Response decided = given().auth().oauth2(tokens.get(0)).get("/api/battles/" + battle);
        SeedContract.assertAnswers("GET /api/battles/{id}", "BattleResponse", decided.asString());
        decided.then()
                .body("entries.id", equalTo(List.of(entries.get(1), entries.get(0), entries.get(2))))
                .body("entries.votes", equalTo(List.of(3, 1, 0)))
                .body("entries.prize", equalTo(List.of(300, 100, 0)));
        given().auth()
                .oauth2(tokens.get(1))
                .get("/api/community/credits")
                .then()
                .statusCode(200)
                .body("balance", equalTo(300));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !KafkaTopics.keyed("community.battle-completed", battle).isEmpty());
        String event = KafkaTopics.keyed("community.battle-completed", battle).get(0);
        assertTrue(event.contains(entrants.get(1)), event);
        assertEquals(1, KafkaTopics.keyed("community.battle-completed", battle).size());
    }
}
