package io.mashups.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite: every operation each service documents in its OpenAPI document gets the malformed requests {@link
 * FuzzCases} generates, through the gateway and on the service's own port, as a signed-in user. No answer may be a
 * 5xx or fail to come, and every 4xx is an RFC 9457 problem; the counts per operation are printed. Bounded in time
 * (it stops sending at {@link #BUDGET} and fails), so it cannot hold CI up.
 */
@ExtendWith(Fleet.class)
class FuzzIT {
    /** deploy/local/fleet.sh's services and their dev ports. */
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("billing", 8081);
        SERVICES.put("studio-collab", 8082);
        SERVICES.put("audio-pipeline", 8083);
        SERVICES.put("captions", 8084);
        SERVICES.put("community", 8085);
        SERVICES.put("analytics-ingest", 8086);
        SERVICES.put("trends", 8087);
        SERVICES.put("attribution", 8088);
    }

    private static final Duration BUDGET = Duration.ofSeconds(150);
    private static final int IN_FLIGHT = 12;
    /** Users the gateway's requests rotate through, so its per-user rate limit stays out of the way. */
    private static final int USERS = 40;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** What one request got: a status with its content type and body, or why no answer came. */
    record Outcome(
            FuzzCases.Request request, String route, int status, String contentType, String body, String failure) {
        /** Why this outcome breaks the rule, or null when it keeps it. */
        String violation() {
            if (failure != null) {
                return "no answer: " + failure;
            }
            if (status >= 500) {
                return "status " + status;
            }
            if (status >= 400) {
                if (contentType == null || !contentType.startsWith("application/problem+json")) {
                    return status + " without a problem body (" + contentType + ")";
                }
                try {
                    JsonNode problem = JSON.readTree(body);
                    if (problem.path("status").asInt() != status
                            || !problem.path("title").isTextual()) {
                        return status + " with a problem that does not say so: " + excerpt(body);
                    }
                } catch (Exception e) {
                    return status + " with a body that is not JSON: " + excerpt(body);
                }
            }
            return null;
        }
    }

    @Test
    void noRequestGetsA5xxAndEveryRefusalIsAProblem() throws Exception {
        List<FuzzCases.Request> requests = new ArrayList<>();
        Map<String, Integer> operationsPerService = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            JsonNode document = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(direct(service.getKey()) + "/q/openapi?format=json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            List<FuzzCases.Operation> operations = FuzzCases.operations(service.getKey(), document);
            operationsPerService.put(service.getKey(), operations.size());
            operations.forEach(operation -> requests.addAll(FuzzCases.cases(operation)));
            operations.stream()
                    .filter(operation -> operation.body() != null)
                    .findFirst()
                    .ifPresent(operation -> {
                        // over the gateway's 10 MB, and over only the service's 1 MiB (the gateway relays its 413)
                        requests.add(FuzzCases.oversized(operation, 11));
                        requests.add(FuzzCases.oversized(operation, 2));
                    });
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            tokens.add(FrontendSessionIT.devToken("fuzz-" + UUID.randomUUID(), ""));
        }

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger turn = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        for (FuzzCases.Request request : requests) {
            for (String route : List.of("gateway", "direct")) {
                senders.execute(() -> {
                    if (System.nanoTime() < deadline) {
                        String base = route.equals("gateway")
                                ? "http://127.0.0.1:" + Fleet.gatewayPort()
                                : direct(request.operation().service());
                        outcomes.add(send(base, route, request, tokens.get(turn.incrementAndGet() % USERS)));
                    }
                });
            }
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(BUDGET.toSeconds() + 60, TimeUnit.SECONDS), "senders finished");
        double seconds = (System.nanoTime() - start) / 1e9;

        List<String> violations = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            int[] row = counts.computeIfAbsent(outcome.request().operation().id(), id -> new int[6]);
            row[0]++;
            row[outcome.failure() != null ? 5 : Math.min(4, outcome.status() / 100 - 1)]++;
            String violation = outcome.violation();
            if (violation != null) {
                violations.add(
                        outcome.route() + " " + outcome.request().operation().id() + " ["
                                + outcome.request().kind() + "] "
                                + excerpt(outcome.request().target()) + ": " + violation);
            }
        }
        StringBuilder table = new StringBuilder(String.format(
                "%nfuzz: %d operations of %d services, %d requests (%d cases, gateway and direct) in %.1f s%n",
                counts.size(), SERVICES.size(), outcomes.size(), requests.size(), seconds));
        table.append(String.format(
                "%-72s %6s %5s %5s %5s %5s %5s%n", "operation", "sent", "2xx", "3xx", "4xx", "5xx", "none"));
        counts.forEach((id, row) -> table.append(
                String.format("%-72s %6d %5d %5d %5d %5d %5d%n", id, row[0], row[1], row[2], row[3], row[4], row[5])));
        System.out.println(table);

        int expected = requests.size() * 2;
        assertTrue(
                outcomes.size() == expected,
                "the budget of " + BUDGET.toSeconds() + " s ran out: " + outcomes.size() + " of " + expected + " sent");
        assertTrue(
                violations.isEmpty(),
                violations.size() + " answers broke the rule:\n"
                        + String.join("\n", violations.subList(0, Math.min(60, violations.size()))));
        operationsPerService.forEach(
                (service, operations) -> assertTrue(operations > 0, service + " documents no operation to fuzz"));
    }

    private static String direct(String service) {
        return "http://127.0.0.1:" + Fleet.port(SERVICES.get(service));
    }

    private static Outcome send(String base, String route, FuzzCases.Request request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                // the gateway keeps a bucket per client address: each request comes from an address of its own
                .header(
                        "X-Forwarded-For",
                        "198.18." + ThreadLocalRandom.current().nextInt(256) + "."
                                + ThreadLocalRandom.current().nextInt(1, 255))
                .method(
                        request.operation().method().toUpperCase(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            String body;
            try (InputStream stream = response.body()) {
                // an event stream that opened would never end: its status and type are what count
                body = contentType != null && contentType.startsWith("text/event-stream")
                        ? ""
                        : new String(stream.readNBytes(256 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            }
            return new Outcome(request, route, response.statusCode(), contentType, body, null);
        } catch (Exception e) {
            return new Outcome(request, route, -1, null, null, e.toString());
        }
    }

    private static String excerpt(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
