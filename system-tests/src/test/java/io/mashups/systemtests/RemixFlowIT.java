package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through the gateway: a pro user generates a mashup and downloads its four stems; another pro user remixes it into a
 * studio project (audio-pipeline to studio-collab through audio.remix-started) and finds the stems as tracks and the
 * credit, publishes the project as a mashup of their own whose lineage credits the original; a free user is refused
 * the stems with 402. On the way, the mashup's cover is drawn for an anonymous link
 * preview.
 */
@ExtendWith(Fleet.class)
class RemixFlowIT {
    private static final List<String> STEMS = List.of("vocals", "drums", "bass", "other");

    @Test
    void aProUsersMashupIsRemixedIntoAnotherUsersStudioProject() throws Exception {
        String owner = "creator-" + UUID.randomUUID();
        String ownerToken = MashupFlowIT.subscriber(owner);
        String mashupId = MashupFlowIT.generated(ownerToken, 96, 330);

        JsonPath stems = given().auth()
                .oauth2(ownerToken)
                .get("/api/mashups/" + mashupId + "/stems")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(STEMS, stems.getList("stems.stem"));
        Path dir = Files.createTempDirectory("remix-flow");
        for (int i = 0; i < STEMS.size(); i++) {
            Path file = dir.resolve(STEMS.get(i) + ".flac");
            HttpResponse<Path> download = MashupFlowIT.HTTP.send(
                    HttpRequest.newBuilder(URI.create(stems.getString("stems[" + i + "].url")))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            assertEquals(200, download.statusCode());
            assertEquals(20, MashupFlowIT.durationOf(file), 0.1, STEMS.get(i) + " plays as long as the mashup");
        }
        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body("{\"visibility\":\"unlisted\"}")
                .patch("/api/mashups/" + mashupId)
                .then()
                .statusCode(200);

        // its cover, drawn on the server, for anyone with the link (a link preview sends no token)
        String cover = given().redirects()
                .follow(false)
                .get("/api/thumbnails/" + mashupId + "?size=1200x630&format=jpg")
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        HttpResponse<byte[]> image = MashupFlowIT.HTTP.send(
                HttpRequest.newBuilder(URI.create(cover)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, image.statusCode());
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertEquals(1200, preview.getWidth());
        assertEquals(630, preview.getHeight());

        String remixer = "remixer-" + UUID.randomUUID();
        String remixerToken = MashupFlowIT.subscriber(remixer);
        String[] remixId = new String[1];
        // 402 until the plan change has travelled from billing to audio-pipeline
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response begun = given().auth()
                            .oauth2(remixerToken)
                            .contentType("application/json")
                            .body(Map.of("title", "After hours (remix)"))
                            .post("/api/mashups/" + mashupId + "/remix");
                    remixId[0] = begun.statusCode() == 202 ? begun.path("remixId") : null;
                    return remixId[0] != null;
                });
        String project = "/api/projects/" + remixId[0];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().auth().oauth2(remixerToken).get(project).statusCode() == 200);
        JsonPath studio = given().auth()
                .oauth2(remixerToken)
                .get(project)
                .then()
                .statusCode(200)
                .body("title", equalTo("After hours (remix)"))
                .body("role", equalTo("owner"))
                .body("remix.mashupId", equalTo(mashupId))
                .body("remix.credit.ownerId", equalTo(owner))
                .extract()
                .jsonPath();
        assertEquals(STEMS, studio.getList("document.tracks.id"));
        for (int i = 0; i < STEMS.size(); i++) {
            assertEquals(
                    Map.of("mashupId", mashupId, "stem", STEMS.get(i)),
                    studio.getMap("document.tracks[" + i + "].clips[0].source"));
        }
        // the remixer loads the stems the tracks name
        given().auth()
                .oauth2(remixerToken)
                .get("/api/mashups/" + mashupId + "/stems")
                .then()
                .statusCode(200);

        // published, the project is rendered as a mashup of the remixer's (studio-collab to audio-pipeline through
        // studio.project-published), and the original's lineage shows the remix and what came of it
        given().auth().oauth2(remixerToken).post(project + "/publish").then().statusCode(202);
        String published = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth()
                                .oauth2(remixerToken)
                                .get("/api/mashups/" + mashupId + "/lineage")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("remixes[0].mashups[0].mashupId"),
                        id -> id != null);
        given().auth()
                .oauth2(remixerToken)
                .get("/api/mashups/" + published + "/lineage")
                .then()
                .statusCode(200)
                .body("ancestors[0].mashupId", equalTo(mashupId))
                .body("ancestors[0].credit.ownerId", equalTo(owner));
        // the original's owner sees the remix of their mashup; its mashup stays private to the remixer
        given().auth()
                .oauth2(ownerToken)
                .get("/api/mashups/" + mashupId + "/lineage")
                .then()
                .statusCode(200)
                .body("remixes[0].remixId", equalTo(remixId[0]))
                .body("remixes[0].mashups", org.hamcrest.Matchers.empty());

        String free = FrontendSessionIT.devToken("free-" + UUID.randomUUID(), "");
        given().auth()
                .oauth2(free)
                .get("/api/mashups/" + mashupId + "/stems")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("upgrade", equalTo("/api/billing/checkout"));
        given().auth()
                .oauth2(free)
                .post("/api/mashups/" + mashupId + "/remix")
                .then()
                .statusCode(402);
    }
}
