package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AI Magic Generator as the frontend uses it, only through the gateway: a pro subscriber (made pro by Stripe
 * webhooks to billing) uploads two songs, starts a generation, follows its Server-Sent Events to the end, downloads
 * a playable file and finds the mashup listed, sees it captioned by itself (SRT and WebVTT), while another user sees
 * none of it. Then the worker is killed in the
 * middle of a job: the job still completes, once.
 */
@ExtendWith(Fleet.class)
class MashupFlowIT {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void proUserGeneratesFollowsDownloadsAndOnlyTheyCanSeeIt() throws Exception {
        String user = "creator-" + UUID.randomUUID();
        String token = subscriber(user);
        String vocals = upload(token, song(96, 330, 40), "singer.wav");
        String band = upload(token, song(100, 220, 40), "band.wav");

        String jobId = startGeneration(
                token, "{\"sources\":[\"" + vocals + "\",\"" + band + "\"],\"durationSec\":20,\"format\":\"m4a\"}");
        List<String> events = sse(token, "/api/mashup/ai/" + jobId + "/events");
        assertTrue(events.size() >= 3, "progress arrives as it happens: " + events);
        assertTrue(
                events.get(events.size() - 1).contains("\"status\":\"completed\""),
                "last event: " + events.get(events.size() - 1));

        String location = given().auth()
                .oauth2(token)
                .redirects()
                .follow(false)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        Path file = Files.createTempFile("mashup", ".m4a");
        assertEquals(
                200,
                HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofFile(file))
                        .statusCode());
        assertEquals(20, durationOf(file), 0.5, "as long as asked");
        given().auth()
                .oauth2(token)
                .get("/api/mashups?owner=me")
                .then()
                .statusCode(200)
                .body("id", hasItem(jobId));

        // captions follow by themselves (captions consumes audio.mashup-rendered; the mashup's id is the job's)
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response captions = given().auth().oauth2(token).get("/api/captions/" + jobId);
                    return captions.statusCode() == 200 && "completed".equals(captions.path("status"));
                });
        // the seed plan's shapes, as the frontend reads them
        SeedContract.assertAnswers(
                "GET /api/mashup/ai/{id}",
                "MashupAiStatusResponse",
                given().auth().oauth2(token).get("/api/mashup/ai/" + jobId).asString());
        SeedContract.assertAnswers(
                "GET /api/captions/{mashupId}",
                "CaptionsResponse",
                given().auth().oauth2(token).get("/api/captions/" + jobId).asString());
        given().auth()
                .oauth2(token)
                .get("/api/captions/" + jobId + ".srt")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-subrip"));
        given().auth()
                .oauth2(token)
                .get("/api/captions/" + jobId + ".vtt")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/vtt"))
                .body(startsWith("WEBVTT"));

        assertOneTraceFromTheGatewayToCaptions(jobId);

        String other = FrontendSessionIT.devToken("other-" + UUID.randomUUID(), "");
        given().auth()
                .oauth2(other)
                .get("/api/mashup/ai/" + jobId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(other)
                .get("/api/mashup/ai/" + jobId + "/download")
                .then()
                .statusCode(404);
        given().auth().oauth2(other).get("/api/mashups/" + jobId).then().statusCode(404);
        given().auth().oauth2(other).get("/api/captions/" + jobId).then().statusCode(404);
        given().auth()
                .oauth2(other)
                .get("/api/captions/" + jobId + ".srt")
                .then()
                .statusCode(404);

        // made public, its captions are anyone's to read; deleted, they are gone with it (audio.mashup-changed)
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"visibility\":\"public\"}")
                .patch("/api/mashups/" + jobId)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(other)
                                .get("/api/captions/" + jobId)
                                .statusCode()
                        == 200);
        // captioned again on request, with the seed plan's body
        Response again = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"mashupId\":\"" + jobId + "\",\"language\":\"en\"}")
                .post("/api/captions/generate");
        again.then().statusCode(202);
        SeedContract.assertAnswers("POST /api/captions/generate", "CaptionsGenerateResponse", again.asString());
        given().auth().oauth2(token).delete("/api/mashups/" + jobId).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/api/captions/" + jobId)
                                .statusCode()
                        == 404);
    }

    /**
     * The generation's trace: the gateway's request, audio-pipeline's API that queued the job, the worker that ran it
     * (the job row carried the trace), and captions, which consumed audio.mashup-rendered (the record carried it) and
     * captioned the mashup in a job of its own.
     */
    private static void assertOneTraceFromTheGatewayToCaptions(String jobId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<TraceCollector.Span> spans = Fleet.spans();
                    String traceId = spans.stream()
                            .filter(span -> span.name().equals("job mashup")
                                    && jobId.equals(span.attributes().get("mashups.job.id")))
                            .map(TraceCollector.Span::traceId)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no span of job " + jobId));
                    List<TraceCollector.Span> trace = spans.stream()
                            .filter(span -> span.traceId().equals(traceId))
                            .toList();
                    List<String> seen = trace.stream()
                            .map(span -> span.service() + ": " + span.name())
                            .toList();
                    assertTrue(
                            trace.stream().anyMatch(span -> span.service().equals("gateway")),
                            "the gateway's request in " + seen);
                    assertTrue(
                            trace.stream()
                                    .anyMatch(span -> span.service().equals("audio-pipeline")
                                            && span.name().startsWith("POST /api/mashup/ai")),
                            "audio-pipeline's API in " + seen);
                    assertTrue(
                            trace.stream()
                                    .anyMatch(span -> span.service().equals("captions")
                                            && span.name().equals("job captions")),
                            "captions' job in " + seen);
                });
    }

    @Test
    void aJobSurvivesItsWorkerBeingKilled() throws Exception {
        String token = subscriber("survivor-" + UUID.randomUUID());
        String vocals = upload(token, song(104, 294, 60), "long-singer.wav");
        String band = upload(token, song(108, 196, 60), "long-band.wav");
        String jobId = startGeneration(
                token, "{\"sources\":[\"" + vocals + "\",\"" + band + "\"],\"durationSec\":40,\"format\":\"mp3\"}");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth()
                        .oauth2(token)
                        .get("/api/mashup/ai/" + jobId)
                        .path("status")
                        .equals("running"));

        Fleet.kill("audio-pipeline");
        Fleet.restartMissing();

        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> List.of("completed", "failed")
                        .contains(given().auth()
                                .oauth2(token)
                                .get("/api/mashup/ai/" + jobId)
                                .<String>path("status")));
        Response job = given().auth().oauth2(token).get("/api/mashup/ai/" + jobId);
        job.then().statusCode(200).body("status", equalTo("completed"));
        assertTrue(job.<Integer>path("attempts") >= 2, "a second worker took it over: " + job.asString());
        List<String> ids =
                given().auth().oauth2(token).get("/api/mashups?owner=me").path("id");
        assertEquals(1, ids.stream().filter(jobId::equals).count(), "exactly one mashup");
    }

    /** A user who subscribed to pro through Stripe's webhooks, once audio-pipeline has heard of it. */
    static String subscriber(String user) {
        Subscriptions.subscribe(user, "price_pro_month");
        return FrontendSessionIT.devToken(user, "");
    }

    /**
     * A generated 20 s mashup of two uploaded songs (the singer's at {@code bpm} and {@code hz}), once it is complete:
     * its id. Generations run one after another: one separates stems on both cores.
     */
    static String generated(String token, double bpm, double hz) throws Exception {
        String vocals = upload(token, song(bpm, hz, 24), "vocals.wav");
        String band = upload(token, song(100, 220, 24), "band.wav");
        String job = startGeneration(
                token, "{\"sources\":[\"" + vocals + "\",\"" + band + "\"],\"durationSec\":20,\"format\":\"mp3\"}");
        String status = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> given().auth()
                                .oauth2(token)
                                .get("/api/mashup/ai/" + job)
                                .<String>path("status"),
                        done -> "completed".equals(done) || "failed".equals(done));
        assertEquals(
                "completed",
                status,
                given().auth().oauth2(token).get("/api/mashup/ai/" + job).asString());
        return job;
    }

    /** What one user generates: two songs of their own (the vocal one at {@code bpm}, its melody around {@code hz}). */
    record Generation(String token, double bpm, double hz) {}

    /**
     * Mashups generated one after the other (the pipeline runs one job at a time per replica: generating them at once
     * took as long), each made public: a generated mashup starts private, and battle entries and challenge submissions
     * must not be.
     */
    static List<String> publicMashups(List<Generation> generations) throws Exception {
        List<String> mashups = new ArrayList<>();
        for (Generation generation : generations) {
            String mashup = generated(generation.token(), generation.bpm(), generation.hz());
            given().auth()
                    .oauth2(generation.token())
                    .contentType("application/json")
                    .body(Map.of("visibility", "public"))
                    .patch("/api/mashups/" + mashup)
                    .then()
                    .statusCode(200);
            mashups.add(mashup);
        }
        return mashups;
    }

    /** Retries while the plan change travels from billing to audio-pipeline (402 until then). */
    static String startGeneration(String token, String body) {
        String[] jobId = new String[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response response = given().auth()
                            .oauth2(token)
                            .contentType("application/json")
                            .body(body)
                            .post("/api/mashup/ai");
                    assertTrue(response.statusCode() == 202 || response.statusCode() == 402, response.asString());
                    if (response.statusCode() == 202) {
                        SeedContract.assertAnswers("POST /api/mashup/ai", "MashupAiStartResponse", response.asString());
                    }
                    jobId[0] = response.statusCode() == 202 ? response.path("jobId") : null;
                    return jobId[0] != null;
                });
        return jobId[0];
    }

    /** PUTs a WAV file to a presigned upload URL: the object store's answer. */
    static HttpResponse<String> putWav(String uploadUrl, Path file) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(uploadUrl))
                        .header("Content-Type", "audio/wav")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String upload(String token, Path file, String name) throws Exception {
        Response ticket = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"fileName\":\"" + name + "\",\"contentType\":\"audio/wav\"}")
                .post("/api/media/uploads");
        ticket.then().statusCode(201);
        HttpResponse<String> put = putWav(ticket.path("uploadUrl"), file);
        assertEquals(200, put.statusCode(), put.body());
        given().auth()
                .oauth2(token)
                .post("/api/media/uploads/" + ticket.path("id") + "/complete")
                .then()
                .statusCode(200);
        return ticket.path("id");
    }

    /** Reads an SSE stream through the gateway to its end; returns the data lines. */
    static List<String> sse(String token, String path) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Fleet.gatewayPort() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofMinutes(3))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> data = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                }
            }
        }
        return data;
    }

    /**
     * A synthetic stereo song: kick on every beat, a noise snare on 2 and 4, a centred melody tone phrased in bars
     * (the "vocal") and a pad a fifth up on the left (the "band").
     */
    static Path song(double bpm, double hz, int seconds) throws Exception {
        double p = 60 / bpm;
        String kick = String.format(Locale.ROOT, "0.6*sin(2*PI*50*t)*exp(-14*mod(t,%1$f))", p);
        String snare = String.format(Locale.ROOT, "0.25*(2*random(0)-1)*exp(-25*mod(t+%1$f,%2$f))", p, 2 * p);
        String voice = String.format(
                Locale.ROOT, "0.2*(sin(2*PI*%1$f*t)+0.4*sin(4*PI*%1$f*t))*lt(mod(t,%2$f),%3$f)", hz, 4 * p, 3.5 * p);
        String pad = String.format(Locale.ROOT, "0.1*sin(2*PI*%f*t)", hz * 1.5);
        Path file = Files.createTempFile("song", ".wav");
        String expressions = kick + "+" + snare + "+" + voice + "+" + pad + "|" + kick + "+" + snare + "+" + voice;
        Process ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc=exprs='" + expressions + "':s=44100:d=" + seconds,
                        file.toString())
                .inheritIO()
                .start();
        assertEquals(0, ffmpeg.waitFor());
        return file;
    }

    static double durationOf(Path file) throws Exception {
        Process probe = new ProcessBuilder(
                        "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())
                .start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, probe.waitFor(), "ffprobe reads the file");
        return Double.parseDouble(out);
    }
}
