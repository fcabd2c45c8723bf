package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.mashups.studio.client.StudioClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The studio's REST calls the studio system tests make through the gateway, and what they wait for. */
final class StudioProjects {
    private StudioProjects() {}

    /** A new project of the token's user; its id. */
    static String create(String bearer, Map<String, Object> fields) {
        return given().auth()
                .oauth2(bearer)
                .contentType("application/json")
                .body(fields)
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Adds an editor, waiting out the 402 that answers until the owner's plan has reached studio-collab. */
    static void addEditor(String ownerBearer, String projectId, String member) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth()
                                .oauth2(ownerBearer)
                                .contentType("application/json")
                                .body(Map.of("userId", member, "role", "editor"))
                                .post("/api/projects/" + projectId + "/members")
                                .statusCode()
                        == 200);
    }

    /** Waits until every client has applied the same last seq. */
    static void awaitSameSeq(List<StudioClient> clients) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> clients.stream()
                                .map(StudioClient::seq)
                                .collect(Collectors.toSet())
                                .size()
                        == 1);
    }
}
