package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.client.Ops;
import io.mashups.studio.client.StudioClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two users share a studio project through the gateway: the owner, pro through Stripe's webhooks, invites a friend,
 * who then finds the project and joins it; both edit it over WebSockets and see each other's cursor and edits; a
 * third user sees nothing.
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
        String id = StudioProjects.create(ownerToken, Map.of("title", "Late night", "bpm", 98));
        StudioProjects.addEditor(ownerToken, id, friend);

        given().auth()
                .oauth2(friendToken)
                .get("/api/projects")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().auth()
                .oauth2(friendToken)
                .get("/api/projects/" + id + "/collaborators")
                .then()
                .statusCode(200)
                .body("users.id", hasItem(owner));
        given().auth()
                .oauth2(friendToken)
                .post("/api/projects/" + id + "/join")
                .then()
                .statusCode(200)
                .body("room", equalTo("studio:" + id));
        given().auth()
                .oauth2(FrontendSessionIT.devToken("nosy-" + UUID.randomUUID(), ""))
                .get("/api/projects/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        // both in the studio through the gateway's WebSocket: each sees the other's cursor and edits
        String gateway = "ws://127.0.0.1:" + Fleet.gatewayPort();
        try (StudioClient ownerSocket = StudioClient.connect(gateway, id, StudioClient.joinToken(ownerToken, id));
                StudioClient friendSocket =
                        StudioClient.connect(gateway, id, StudioClient.joinToken(friendToken, id))) {
            ownerSocket.await(
                    m -> "joined".equals(m.path("type").asText())
                            && friend.equals(m.path("user").asText()),
                    Duration.ofSeconds(10));
            friendSocket.send("{\"type\":\"presence\",\"cursor\":{\"x\":321,\"y\":12},\"playheadSec\":8}");
            JsonNode cursor =
                    ownerSocket.await(m -> "presence".equals(m.path("type").asText()), Duration.ofSeconds(10));
            assertEquals(friend, cursor.path("user").asText());
            assertEquals(321, cursor.at("/presence/cursor/x").asInt());

            assertEquals(
                    "ack",
                    ownerSocket
                            .outcome(ownerSocket.op(Ops.addTrack("lead", "Lead")))
                            .path("type")
                            .asText());
            JsonNode edit = friendSocket.await(m -> "op".equals(m.path("type").asText()), Duration.ofSeconds(10));
            assertEquals(owner, edit.path("user").asText());
            assertEquals(
                    "ack",
                    friendSocket
                            .outcome(friendSocket.op(Ops.addClip("lead", "hook", 0, 8)))
                            .path("type")
                            .asText());
            ownerSocket.await(
                    m -> "op".equals(m.path("type").asText())
                            && friend.equals(m.path("user").asText()),
                    Duration.ofSeconds(10));
            assertEquals(ownerSocket.view(), friendSocket.view());
            assertEquals("hook", friendSocket.view().at("/tracks/0/clips/0/id").asText());

            given().auth()
                    .oauth2(ownerToken)
                    .get("/api/projects/" + id + "/collaborators")
                    .then()
                    .statusCode(200)
                    .body("users.find { it.id == '" + friend + "' }.online", equalTo(true));
            given().auth()
                    .oauth2(friendToken)
                    .post("/api/studio/" + id + "/voice")
                    .then()
                    .statusCode(200)
                    .body("provider", equalTo("livekit"))
                    .body("room", equalTo("studio_" + id));
        }
        // a refused upgrade reaches the browser as the studio's status, through the gateway
        assertEquals(
                401,
                assertThrows(StudioClient.Refused.class, () -> StudioClient.connect(gateway, id, "forged"))
                        .status());
    }
}
