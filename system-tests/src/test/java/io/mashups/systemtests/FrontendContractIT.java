package io.mashups.systemtests;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frontend's contract at run time: the seed plan's endpoints called through the gateway with the plan's bodies,
 * each answer validated against the plan's type (contract/seed.ts). The AI Magic Generator's and the captions'
 * endpoints are checked in {@link MashupFlowIT}, which makes a mashup anyway, a mashup's analytics in
 * {@link AnalyticsFlowIT}, trending sounds in {@link TrendsFlowIT}, AI vocals in {@link VocalFlowIT}.
 */
@ExtendWith(Fleet.class)
class FrontendContractIT {
    @Test
    void theSeedPlansEndpointsAnswerThePlansShapes() {
        String user = "contract-" + UUID.randomUUID();
        String token = FrontendSessionIT.devToken(user, "");

        SeedContract.assertAnswers(
                "GET /api/billing/subscription",
                "BillingSubscriptionResponse",
                given().auth().oauth2(token).get("/api/billing/subscription").asString());
        // the plan's checkout body, answered by billing's Stripe client through the fleet's local Stripe API
        SeedContract.assertAnswers(
                "POST /api/billing/checkout",
                "BillingCheckoutResponse",
                given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body(Map.of("tier", "pro", "priceId", "price_pro_month"))
                        .post("/api/billing/checkout")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        // the checkout made the user a Stripe customer: the portal opens
        SeedContract.assertAnswers(
                "POST /api/billing/portal",
                "BillingPortalResponse",
                given().auth()
                        .oauth2(token)
                        .post("/api/billing/portal")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        String projectId = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("title", "Contract"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SeedContract.assertAnswers(
                "POST /api/projects/{id}/join",
                "ProjectJoinResponse",
                given().auth()
                        .oauth2(token)
                        .post("/api/projects/" + projectId + "/join")
                        .asString());
        SeedContract.assertAnswers(
                "GET /api/projects/{id}/collaborators",
                "ProjectCollaboratorsResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/projects/" + projectId + "/collaborators")
                        .asString());
        SeedContract.assertAnswers(
                "POST /api/studio/{id}/voice",
                "StudioVoiceResponse",
                given().auth()
                        .oauth2(token)
                        .post("/api/studio/" + projectId + "/voice")
                        .asString());

        // battles: an admin's battle, listed and read with the plan's shapes; the plan's entry and vote bodies are
        // understood (the battle has not opened, so both are refused as closed, not as malformed)
        String admin = FrontendSessionIT.devToken("contract-admin-" + UUID.randomUUID(), "admin");
        java.time.Instant now = java.time.Instant.now();
        String battleId = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title", "Contract clash",
                        "startsAt", now.plusSeconds(3600).toString(),
                        "entriesEndAt", now.plusSeconds(7200).toString(),
                        "votingEndAt", now.plusSeconds(10800).toString()))
                .post("/api/battles")
                .then()
                .statusCode(201)
                .extract()
                .path("battle.id");
        SeedContract.assertAnswers(
                "GET /api/battles",
                "BattlesResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/battles?status=upcoming&page=1")
                        .asString());
        SeedContract.assertAnswers(
                "GET /api/battles/{id}",
                "BattleResponse",
                given().auth().oauth2(token).get("/api/battles/" + battleId).asString());
        for (String[] call : List.of(
                new String[] {"/entries", "{\"mashupId\": \"m-1\"}"},
                new String[] {"/vote", "{\"entryId\": \"e-1\"}"})) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(call[1])
                    .post("/api/battles/" + battleId + call[0])
                    .then()
                    .statusCode(409)
                    .body("type", org.hamcrest.Matchers.endsWith("closed"));
        }

        // challenges: the rota's current ones, and an admin's challenge that has not opened (its submission is
        // understood and refused as closed)
        SeedContract.assertAnswers(
                "GET /api/challenges/current",
                "ChallengesCurrentResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/challenges/current")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        String challengeId = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "title", "Contract challenge",
                        "startsAt", now.plusSeconds(3600).toString(),
                        "endsAt", now.plusSeconds(7200).toString()))
                .post("/api/challenges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SeedContract.assertAnswers(
                "GET /api/challenges/{id}/entries",
                "ChallengeEntriesResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/challenges/" + challengeId + "/entries")
                        .asString());
        SeedContract.assertAnswers(
                "GET /api/challenges/{id}/leaderboard",
                "ChallengeLeaderboardResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/challenges/" + challengeId + "/leaderboard")
                        .asString());
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"mashupId\": \"m-1\"}")
                .post("/api/challenges/" + challengeId + "/submit")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("closed"));
        SeedContract.assertAnswers(
                "GET /api/gamification/profile",
                "GamificationProfileResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/gamification/profile")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        // a new creator's dashboard: every figure there, at zero (a mashup's stats: AnalyticsFlowIT)
        SeedContract.assertAnswers(
                "GET /api/analytics/dashboard",
                "AnalyticsDashboardResponse",
                given().auth()
                        .oauth2(token)
                        .get("/api/analytics/dashboard")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }
}
