package io.mashups.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.RawWebSocket;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(FakeUpstreams.class)
class GatewayTest {
    @TestHTTPResource("/")
    URL gateway;

    /** The management interface's root, /q/. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    Vertx vertx;

    /** Each test speaks from its own client address, so per-address limits of one test do not touch another. */
    private static RequestSpecification client() {
        return given().header(
                        "X-Forwarded-For",
                        "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250));
    }

    @Test
    void validTokenIsProxiedWithAuthorizationAndANewRequestId() {
        String token = TestTokens.forUser("alice");

        client().auth()
                .oauth2(token)
                .get("/api/billing/echo?x=1")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("authorization", equalTo("Bearer " + token))
                .body("uri", equalTo("/api/billing/echo?x=1"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void clientRequestIdAndBodyAreForwarded() {
        client().auth()
                .oauth2(TestTokens.forUser("bob"))
                .header("X-Request-Id", "req-42")
                .contentType("application/json")
                .body("{\"tier\":\"pro\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "req-42")
                .body("requestId", equalTo("req-42"))
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"tier\":\"pro\"}"));
    }

    static Stream<String> rejectedTokens() {
        return Stream.of(
                TestTokens.expired("carol"),
                TestTokens.tampered("carol", "admin-user"),
                TestTokens.algNone("carol"),
                TestTokens.wrongIssuer("carol"),
                TestTokens.foreignKey("carol"),
                "not.a.jwt",
                ".",
                "..",
                "a..",
                "...",
                "e30.e30.",
                "%00.%00.%00");
    }

    @ParameterizedTest
    @MethodSource("rejectedTokens")
    void badTokensGet401Problem(String token) {
        client().auth()
                .oauth2(token)
                .get("/api/billing/echo")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void missingTokenGets401ButPublicWebhookPathDoesNot() {
        client().get("/api/billing/subscription").then().statusCode(401).contentType("application/problem+json");
        client().body("{}").post("/api/webhooks/stripe").then().statusCode(200).body("authorization", nullValue());
    }

    @Test
    void theCronHooksOwnSecretReachesTrendsUnvalidated() {
        client().header("Authorization", "Bearer the-cron-secret")
                .get("/api/cron/fetch-trends")
                .then()
                .statusCode(200)
                .body("authorization", equalTo("Bearer the-cron-secret"));
        // elsewhere the same header is a broken token
        client().header("Authorization", "Bearer the-cron-secret")
                .get("/api/trends")
                .then()
                .statusCode(401);
    }

    @Test
    void unknownPathIs404Problem() {
        client().auth()
                .oauth2(TestTokens.forUser("dave"))
                .get("/api/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void slowUpstreamGives504() {
        client().auth()
                .oauth2(TestTokens.forUser("erin"))
                .get("/api/billing/slow")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("service", equalTo("billing"));
    }

    @Test
    void upstreamDownGives503() {
        client().auth()
                .oauth2(TestTokens.forUser("frank"))
                .get("/api/captions/m1")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("service", equalTo("captions"));
    }

    @Test
    void userOverRateGets429WithRetryAfter() {
        String token = TestTokens.forUser("greedy-" + System.nanoTime());
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            var response = given().header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .auth()
                    .oauth2(token)
                    .get("/api/billing/echo");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                retryAfter = response.header("Retry-After");
                assertEquals("user", response.jsonPath().getString("scope"));
            }
        }
        assertBucket(statuses, 8, 1, System.nanoTime() - start);
        assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
    }

    @Test
    void addressOverRateGets429() {
        List<Integer> statuses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            statuses.add(given().header("X-Forwarded-For", "192.0.2.77")
                    .body("{}")
                    .post("/api/webhooks/stripe")
                    .statusCode());
        }
        assertBucket(statuses, 15, 2, System.nanoTime() - start);
    }

    /** Behind an ingress that appends to X-Forwarded-For, what the client wrote to the left does not choose its bucket. */
    @Test
    void theClientAddressIsTheRightmostUntrustedHop() {
        List<Integer> statuses = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            statuses.add(given().header("X-Forwarded-For", "10.9.8." + (i + 1) + ", 192.0.2.88")
                    .body("{}")
                    .post("/api/webhooks/stripe")
                    .statusCode());
        }
        assertBucket(statuses, 15, 2, System.nanoTime() - start);

        // the services hear the same address in X-Real-IP, whatever the client put there; trusted hops are skipped
        given().header("X-Forwarded-For", "10.0.0.1, 203.0.113.9, 127.0.0.1")
                .header("X-Real-IP", "6.6.6.6")
                .auth()
                .oauth2(TestTokens.forUser("behind-proxies"))
                .get("/api/billing/echo")
                .then()
                .statusCode(200)
                .body("realIp", equalTo("203.0.113.9"))
                .body("forwardedFor", equalTo("10.0.0.1, 203.0.113.9, 127.0.0.1, 127.0.0.1"));
    }

    /**
     * A token bucket let the whole burst through, then refused: no more passed than the burst plus what refilled
     * while the requests ran (a slow machine refills a token or two), and at least one was refused.
     */
    private static void assertBucket(List<Integer> statuses, int burst, int perSecond, long elapsedNanos) {
        assertEquals(
                List.of(200), statuses.subList(0, burst).stream().distinct().toList(), statuses.toString());
        long passed = statuses.stream().filter(s -> s == 200).count();
        assertTrue(passed <= burst + Math.ceil(elapsedNanos / 1e9 * perSecond), passed + " passed: " + statuses);
        assertTrue(statuses.contains(429), statuses.toString());
        assertEquals(
                statuses.size() - passed,
                statuses.stream().filter(s -> s == 429).count(),
                statuses.toString());
    }

    @Test
    void corsPreflightAllowsTheFrontendOriginOnly() {
        client().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/billing/checkout")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        client().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/billing/checkout")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void serverSentEventsStreamWithoutBuffering() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/billing/jobs/j1/events"))
                .header("Authorization", "Bearer " + TestTokens.forUser("sse-user"))
                .header("X-Forwarded-For", "198.51.100.200")
                .build();
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        List<Long> dataArrivals = new ArrayList<>();
        response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                dataArrivals.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        });

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/event-stream",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(3, dataArrivals.size());
        assertTrue(
                dataArrivals.get(2) - dataArrivals.get(0) >= FakeUpstreams.SSE_GAP_MILLIS,
                "events arrive as sent: " + dataArrivals);
    }

    @Test
    void webSocketFramesPassBothWays() throws Exception {
        WebSocketClient wsClient = vertx.createWebSocketClient();
        try {
            WebSocket socket = wsClient.connect(new WebSocketConnectOptions()
                            .setHost(gateway.getHost())
                            .setPort(gateway.getPort())
                            .setURI("/ws/studio/p1?token=join"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<String> text = new CompletableFuture<>();
            CompletableFuture<Buffer> binary = new CompletableFuture<>();
            socket.textMessageHandler(message -> {
                if (message.startsWith("echo:")) {
                    text.complete(message);
                }
            });
            socket.binaryMessageHandler(binary::complete);

            socket.writeTextMessage("{\"type\":\"presence\"}");
            socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));

            assertEquals("echo:{\"type\":\"presence\"}", text.get(10, TimeUnit.SECONDS));
            assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), binary.get(10, TimeUnit.SECONDS));
            socket.close();
        } finally {
            wsClient.close();
        }
    }

    /** The studio socket's limits hold through the gateway: a message of up to 1 MiB in one frame, 1007, 1009. */
    @Test
    void webSocketFrameLimitsAndEncodingAreAnsweredWithTheirCloseCodes() throws Exception {
        java.net.URI socket =
                java.net.URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + "/ws/studio/p1");
        try (RawWebSocket raw = RawWebSocket.connect(socket)) {
            raw.awaitLine(line -> line.startsWith("hello:"));
            String large = "x".repeat(200_000);
            raw.sendText(large); // one frame, over Vert.x's default limit of 64 KiB
            assertEquals("echo:" + large, raw.awaitLine(line -> line.startsWith("echo:")));
            raw.sendText(new byte[] {'n', 'o', 't', ' ', (byte) 0xc3, (byte) 0x28});
            assertEquals(1007, raw.awaitClose());
        }
        try (RawWebSocket raw = RawWebSocket.connect(socket)) {
            raw.awaitLine(line -> line.startsWith("hello:"));
            raw.sendTextStart(1_200_000, "x".getBytes());
            assertEquals(1009, raw.awaitClose());
        }
    }

    /** The upstream's first message, sent as its socket opens, is not lost while the browser's upgrade completes. */
    @Test
    void webSocketGreetingOnOpenReachesEveryClient() throws Exception {
        WebSocketClient wsClient = vertx.createWebSocketClient();
        try {
            for (int i = 0; i < 40; i++) {
                CompletableFuture<String> greeting = new CompletableFuture<>();
                // the handler is set in the connect callback, on the event loop, before any frame is handled
                WebSocket socket = wsClient.connect(new WebSocketConnectOptions()
                                .setHost(gateway.getHost())
                                .setPort(gateway.getPort())
                                .setURI("/ws/studio/p" + i + "?token=join")
                                // one address per connection: this test is not about the rate limit
                                .addHeader("X-Forwarded-For", "198.18.7." + (i + 1)))
                        .onSuccess(ws -> ws.textMessageHandler(greeting::complete))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertEquals("hello:/ws/studio/p" + i, greeting.get(10, TimeUnit.SECONDS), "connection " + i);
                socket.close();
            }
        } finally {
            wsClient.close();
        }
    }

    @Test
    void webSocketRefusedUpstreamIsRefusedAtTheGateway() throws Exception {
        WebSocketClient wsClient = vertx.createWebSocketClient();
        try {
            var attempt = wsClient.connect(new WebSocketConnectOptions()
                            .setHost(gateway.getHost())
                            .setPort(gateway.getPort())
                            .setURI("/ws/studio/p1/reject"))
                    .toCompletionStage()
                    .toCompletableFuture();
            Throwable failure = attempt.handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
            assertTrue(failure instanceof UpgradeRejectedException, String.valueOf(failure));
            assertEquals(403, ((UpgradeRejectedException) failure).getStatus());
        } finally {
            wsClient.close();
        }
    }

    @Test
    void devTokenIsAcceptedAndRejectsBadInput() {
        String token = client().queryParam("sub", "dev-alice")
                .queryParam("roles", "admin,judge")
                .get("/dev/token")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract()
                .path("access_token");
        client().auth().oauth2(token).get("/api/billing/echo").then().statusCode(200);

        client().contentType("application/json")
                .body("{\"sub\":\"dev-bob\",\"roles\":[\"judge\"]}")
                .post("/dev/token")
                .then()
                .statusCode(200)
                .body("sub", equalTo("dev-bob"));
        client().contentType("application/json")
                .body("{not json")
                .post("/dev/token")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        client().get("/dev/token").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void openApiOfEveryServiceIsServedForTheSwaggerUi() {
        client().get("/openapi/billing").then().statusCode(200).body("info.title", equalTo("fake"));
        client().get("/openapi/nobody").then().statusCode(404).contentType("application/problem+json");
        client().get("/q/swagger-ui/").then().statusCode(200);
        given().baseUri(management.toString()).get("health/ready").then().statusCode(200);
    }
}
