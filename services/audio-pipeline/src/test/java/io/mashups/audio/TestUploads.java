package io.mashups.audio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** What the service tests do as a browser would: upload through presigned URLs; and peeking into the schema. */
public final class TestUploads {
    public static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestUploads() {}

    /** Starts an upload: the ticket with its id and presigned {@code uploadUrl}. */
    public static Response ticket(String token, String fileName, String contentType) {
        Response ticket = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"fileName\":\"" + fileName + "\",\"contentType\":\"" + contentType + "\"}")
                .post("/api/media/uploads");
        ticket.then().statusCode(201).body("method", equalTo("PUT"));
        return ticket;
    }

    /** Starts an upload, PUTs the file to the presigned URL, returns the upload id (not completed). */
    public static String upload(String token, Path file, String contentType) throws IOException, InterruptedException {
        Response ticket = ticket(token, file.getFileName().toString(), contentType);
        HttpResponse<String> put = put(ticket.path("uploadUrl"), file, contentType);
        assertEquals(200, put.statusCode(), put.body());
        return ticket.path("id");
    }

    /** PUTs a file to a presigned upload URL: the object store's answer. */
    public static HttpResponse<String> put(String uploadUrl, Path file, String contentType)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(uploadUrl))
                        .header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Completes an upload, which must come out stored: the answer, for further checks. */
    public static ValidatableResponse complete(String token, String id) {
        return given().auth()
                .oauth2(token)
                .post("/api/media/uploads/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("stored"));
    }

    /** Uploads and completes: the upload is stored (and its analysis queued). */
    public static String stored(String token, Path file, String contentType) throws IOException, InterruptedException {
        String id = upload(token, file, contentType);
        complete(token, id);
        return id;
    }
}
