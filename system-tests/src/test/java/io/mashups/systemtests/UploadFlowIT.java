package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A creator uploads a song as the browser does: ticket from the gateway, PUT to storage, complete through the gateway. */
@ExtendWith(Fleet.class)
class UploadFlowIT {
    @Test
    void songIsUploadedStoredAndPrivateToItsOwner() throws Exception {
        Path song = Files.createTempFile("song", ".wav");
        Process ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=220:duration=2",
                        song.toString())
                .inheritIO()
                .start();
        assertEquals(0, ffmpeg.waitFor());
        String owner = FrontendSessionIT.devToken("uploader-" + UUID.randomUUID(), "");

        Response ticket = given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"fileName\":\"song.wav\",\"contentType\":\"audio/wav\"}")
                .post("/api/media/uploads");
        ticket.then().statusCode(201);
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ticket.path("uploadUrl")))
                                .header("Content-Type", "audio/wav")
                                .PUT(HttpRequest.BodyPublishers.ofFile(song))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        String id = ticket.path("id");

        given().auth()
                .oauth2(owner)
                .post("/api/media/uploads/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("stored"))
                .body("sampleRate", equalTo(44100));
        given().auth()
                .oauth2(FrontendSessionIT.devToken("someone-" + UUID.randomUUID(), ""))
                .get("/api/media/uploads/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
