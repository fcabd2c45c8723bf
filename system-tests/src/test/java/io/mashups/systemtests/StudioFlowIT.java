package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two users share a studio project through the gateway: the owner, pro through Stripe's webhooks, invites a friend,
 * who then finds the project and may join it; a third user sees nothing.
 */
@ExtendWith(Fleet.class)
class StudioFlowIT {
    @Test
    void aProOwnerInvitesAFriendWhoCanJoin() {
        String owner = "producer-" + UUID.randomUUID();
        String friend = "friend-" + UUID.randomUUID();
        Subscriptions.subscribe(owner, "price_pro_month");
        String ownerToken = FrontendSessionIT.devToken(owner, "");
        String friendToken = FrontendSessionIT.devToken(friend, "");
        String id = given().auth().oauth2(ownerToken).contentType("application/json").body(Map.of("title", "Late night", "bpm", 98))
                .post("/api/projects").then().statusCode(201).extract().path("id");

        // 402 until the plan change has travelled from billing to studio-collab
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                given().auth().oauth2(ownerToken).contentType("application/json").body(Map.of("userId", friend, "role", "editor"))
                        .post("/api/projects/" + id + "/members").statusCode() == 200);

        given().auth().oauth2(friendToken).get("/api/projects").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(friendToken).get("/api/projects/" + id + "/collaborators").then().statusCode(200)
                .body("users.id", hasItem(owner));
        given().auth().oauth2(friendToken).post("/api/projects/" + id + "/join").then().statusCode(200)
                .body("room", equalTo("studio:" + id));
        given().auth().oauth2(FrontendSessionIT.devToken("nosy-" + UUID.randomUUID(), "")).get("/api/projects/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
