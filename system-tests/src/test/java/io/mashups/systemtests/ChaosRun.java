package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.client.Ops;
import io.mashups.studio.client.StudioClient;
import io.mashups.testing.MashupsTestEnvironment;
import io.restassured.response.Response;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos run (not in CI; {@code system-tests/chaos.sh} runs it): for {@code chaos.minutes} (5) a creator uploads,
 * generates mashups, edits a studio project from two clients on two studio replicas and is billed by Stripe
 * webhooks (each delivered twice, as Stripe retries), while a random service is SIGKILLed every 20 s and started
 * again, Kafka is restarted once and PostgreSQL once, all on loopback. Clients retry as a browser and Stripe would.
 * Then: every accepted write is there, no event was applied twice, every job finished or failed with a reason, and
 * the studio document is the same on both replicas. Prints its figures.
 */
@ExtendWith(Fleet.class)
class ChaosRun {
    private static final Duration LENGTH = Duration.ofMinutes(Integer.getInteger("chaos.minutes", 5));
    private static final Duration FAULT_EVERY = Duration.ofSeconds(20);
    private static final Duration PROJECT_EVERY = Duration.ofSeconds(30);
    private static final List<String> VICTIMS = List.of(
            "billing",
            "studio-collab",
            "audio-pipeline",
            "captions",
            "community",
            "analytics-ingest",
            "trends",
            "attribution",
            "gateway");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Requests per kind: sent, and failed as the client saw it (no answer or a 5xx). */
    private final Map<String, long[]> requests = new ConcurrentSkipListMap<>();

    private final Set<String> storedUploads = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedJobs = ConcurrentHashMap.newKeySet();
    private final Set<String> paidInvoices = ConcurrentHashMap.newKeySet();
    /** Tracks added and acknowledged, by project. */
    private final Map<String, Set<String>> acknowledgedTracks = new ConcurrentHashMap<>();

    private final List<String> faults = new ArrayList<>();
    private volatile long deadline;

    @Test
    void trafficSurvivesKilledServicesAndRestartedInfrastructure() throws Exception {
        String[] studios = {
            "ws://127.0.0.1:" + Fleet.port(8082), "ws://127.0.0.1:" + Fleet.replica("studio-collab", 8092)
        };
        String creator = "chaos-" + UUID.randomUUID();
        String token = FrontendSessionIT.devToken(creator, "");
        Subscriptions.subscribe(creator, "price_pro_month");
        // a project every 30 s: tracks are appended, and a document of thousands would measure the document
        List<String> projects = new ArrayList<>();
        for (long i = 0; i <= LENGTH.toSeconds() / PROJECT_EVERY.toSeconds(); i++) {
            projects.add(given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("title", "Chaos jam " + i))
                    .post("/api/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        Path song = MashupFlowIT.song(100, 330, 12);
        // the generations mix two 30 s songs uploaded before the faults (a 20 s mashup needs that much)
        List<String> sources = List.of(
                MashupFlowIT.upload(token, MashupFlowIT.song(100, 330, 30), "vocals.wav"),
                MashupFlowIT.upload(token, MashupFlowIT.song(100, 220, 30), "band.wav"));
        storedUploads.addAll(sources);

        deadline = System.nanoTime() + LENGTH.toNanos();
        long started = System.nanoTime();
        ExecutorService traffic = Executors.newFixedThreadPool(6);
        traffic.execute(() -> loop(() -> upload(token, song), 1000));
        traffic.execute(() -> loop(() -> generate(token, sources), 45_000));
        traffic.execute(() -> loop(() -> bill(creator), 2000));
        for (int editor = 0; editor < 2; editor++) {
            int first = editor;
            traffic.execute(() -> edit(token, projects, studios, first, started));
        }
        monkey(started);
        traffic.shutdown();
        assertTrue(traffic.awaitTermination(2, TimeUnit.MINUTES), "traffic stopped");

        Fleet.restartMissing();
        Map<String, Long> lost = new java.util.TreeMap<>();
        lost.put(
                "uploads",
                storedUploads.stream()
                        .filter(id -> !"stored"
                                .equals(retrying(() ->
                                                given().auth().oauth2(token).get("/api/media/uploads/" + id))
                                        .path("status")))
                        .count());
        lost.put("invoices", (long) (paidInvoices.size() - invoicesOf(token)));
        long opsLost = 0;
        List<String> disagreements = new ArrayList<>();
        for (String project : projects) {
            try (StudioClient first = StudioClient.connect(studios[0], project, join(token, project));
                    StudioClient second = StudioClient.connect(studios[1], project, join(token, project))) {
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> first.seq() == second.seq());
                if (!first.view().equals(second.view())) {
                    disagreements.add(project);
                }
                Set<String> tracks = new java.util.HashSet<>();
                first.view()
                        .path("tracks")
                        .forEach(track -> tracks.add(track.path("id").asText()));
                opsLost += acknowledgedTracks.getOrDefault(project, Set.of()).stream()
                        .filter(id -> !tracks.contains(id))
                        .count();
            }
        }
        lost.put("studio ops", opsLost);

        String schema = "audio_pipeline";
        String owner = "owner_id = '" + creator + "'";
        long stuck = -1;
        for (int wait = 0; wait < 180 && stuck != 0; wait++) {
            stuck = MashupsTestEnvironment.count(
                    schema, "SELECT count(*) FROM jobs WHERE " + owner + " AND status IN ('queued', 'running')");
            Thread.sleep(stuck == 0 ? 0 : 1000);
        }
        long failedWithoutReason = MashupsTestEnvironment.count(
                schema,
                "SELECT count(*) FROM jobs WHERE " + owner + " AND status = 'failed' AND coalesce(error, '') = ''");
        long analysedTwice = MashupsTestEnvironment.count(
                schema,
                "SELECT count(*) FROM (SELECT subject_id FROM jobs WHERE " + owner
                        + " AND kind = 'analysis' GROUP BY subject_id HAVING count(*) > 1) twice");
        long analysed = MashupsTestEnvironment.count(
                schema, "SELECT count(DISTINCT subject_id) FROM jobs WHERE " + owner + " AND kind = 'analysis'");
        long generationsKept = MashupsTestEnvironment.count(
                schema, "SELECT count(*) FROM jobs WHERE " + owner + " AND kind = 'mashup'");
        long generationsFinished = MashupsTestEnvironment.count(
                schema, "SELECT count(*) FROM jobs WHERE " + owner + " AND kind = 'mashup' AND status = 'completed'");

        long sent = requests.values().stream().mapToLong(r -> r[0]).sum();
        long failed = requests.values().stream().mapToLong(r -> r[1]).sum();
        StringBuilder report = new StringBuilder(String.format(
                "%nchaos run: %d s of traffic, faults: %s%n", LENGTH.toSeconds(), String.join(", ", faults)));
        requests.forEach((kind, row) ->
                report.append(String.format("  %-22s sent %6d, failed as clients saw it %5d%n", kind, row[0], row[1])));
        report.append(String.format(
                "  requests %d, failures seen by clients %d (%.1f%%)%n",
                sent, failed, 100.0 * failed / Math.max(1, sent)));
        report.append(String.format(
                "  accepted: %d uploads, %d generations (%d kept, %d completed), %d invoices, %d studio ops%n",
                storedUploads.size(),
                acceptedJobs.size(),
                generationsKept,
                generationsFinished,
                paidInvoices.size(),
                acknowledgedTracks.values().stream().mapToInt(Set::size).sum()));
        report.append(String.format("  writes lost: %s%n", lost));
        report.append(String.format(
                "  events applied twice: %d uploads analysed twice (%d of %d stored uploads analysed)%n",
                analysedTwice, analysed, storedUploads.size()));
        report.append(String.format(
                "  jobs stuck: %d, failed without a reason: %d; studio documents the replicas disagree on: %d of %d%n",
                stuck, failedWithoutReason, disagreements.size(), projects.size()));
        System.out.println(report);

        assertEquals(List.of(), disagreements, "projects whose document differs between the studio replicas");
        assertEquals(0, lost.values().stream().mapToLong(Long::longValue).sum(), "writes lost: " + lost);
        assertEquals(0, analysedTwice, "an upload's stored event applied twice");
        assertEquals(storedUploads.size(), analysed, "every stored upload analysed");
        assertEquals(acceptedJobs.size(), generationsKept, "every accepted generation kept, once");
        assertEquals(0, stuck, "jobs stuck");
        assertEquals(0, failedWithoutReason, "jobs failed without a reason");
    }

    /** Every 20 s a random service is SIGKILLed and started again; Kafka once, a third in; PostgreSQL at two thirds. */
    private void monkey(long started) throws Exception {
        Random random = new Random(26);
        boolean kafkaDone = false;
        boolean postgresDone = false;
        while (System.nanoTime() < deadline) {
            Thread.sleep(FAULT_EVERY.toMillis());
            double elapsed = (System.nanoTime() - started) / (double) LENGTH.toNanos();
            if (!kafkaDone && elapsed > 1 / 3.0) {
                kafkaDone = true;
                infra("kafka.sh", "stop");
                infra("kafka.sh", "start");
                faults.add("Kafka restarted");
            } else if (!postgresDone && elapsed > 2 / 3.0) {
                postgresDone = true;
                infra("postgres.sh", "restart");
                faults.add("PostgreSQL restarted");
            } else if (System.nanoTime() < deadline) {
                String victim = VICTIMS.get(random.nextInt(VICTIMS.size()));
                Fleet.kill(victim);
                faults.add(victim + " killed");
                Fleet.restartMissing();
            }
        }
    }

    private static void infra(String script, String action) throws Exception {
        Process process = new ProcessBuilder(
                        Fleet.repositoryRoot().resolve("deploy/local/" + script).toString(), action)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0, script + " " + action);
    }

    private void loop(Runnable step, long pauseMillis) {
        while (System.nanoTime() < deadline) {
            try {
                step.run();
            } catch (Exception e) { // RestAssured throws connection failures unchecked, whatever their type
                count("other", true);
            }
            sleep(pauseMillis);
        }
    }

    /** A ticket, the PUT, and /complete until it answers (as a browser retries): stored uploads are accepted writes. */
    private void upload(String token, Path song) {
        Response ticket = retrying(
                "upload ticket",
                () -> given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body("{\"fileName\":\"chaos.wav\",\"contentType\":\"audio/wav\"}")
                        .post("/api/media/uploads"));
        if (ticket == null || ticket.statusCode() != 201) {
            return;
        }
        try {
            HttpResponse<String> put = MashupFlowIT.putWav(ticket.path("uploadUrl"), song);
            count("object store PUT", put.statusCode() >= 500);
        } catch (Exception e) {
            count("object store PUT", true);
            return;
        }
        String id = ticket.path("id");
        Response completed = retrying(
                "upload complete", () -> given().auth().oauth2(token).post("/api/media/uploads/" + id + "/complete"));
        if (completed != null && completed.statusCode() == 200 && "stored".equals(completed.path("status"))) {
            storedUploads.add(id);
        }
    }

    /** A generation of the two songs, retried with one Idempotency-Key: accepted jobs are writes too. */
    private void generate(String token, List<String> sources) {
        String key = UUID.randomUUID().toString();
        Response started = retrying(
                "generation",
                () -> given().auth()
                        .oauth2(token)
                        .header("Idempotency-Key", key)
                        .contentType("application/json")
                        .body("{\"sources\":[\"" + sources.get(0) + "\",\"" + sources.get(1)
                                + "\"],\"durationSec\":20,\"format\":\"mp3\"}")
                        .post("/api/mashup/ai"));
        if (started != null && started.statusCode() == 202) {
            acceptedJobs.add(started.path("jobId"));
        }
    }

    /** An invoice paid, delivered twice (Stripe retries), each delivery retried until billing takes it. */
    private void bill(String user) {
        String invoice = "in_" + UUID.randomUUID().toString().replace("-", "");
        String payload = Subscriptions.invoicePaid(user, invoice);
        for (int delivery = 0; delivery < 2; delivery++) {
            Integer status = retrying("webhook", () -> Subscriptions.send(payload));
            if (status != null && status == 200) {
                paidInvoices.add(invoice);
            }
        }
    }

    /**
     * An editor adding tracks, one at a time, to the project of the moment, reconnecting (to either replica) when its
     * connection breaks.
     */
    private void edit(String token, List<String> projects, String[] studios, int first, long started) {
        Random random = new Random(first);
        StudioClient client = null;
        String project = null;
        int replica = first;
        while (System.nanoTime() < deadline) {
            try {
                String current = projects.get(
                        (int) Math.min(projects.size() - 1, (System.nanoTime() - started) / PROJECT_EVERY.toNanos()));
                if (client != null && !current.equals(project)) {
                    client.close();
                    client = null;
                }
                if (client == null) {
                    project = current;
                    client = StudioClient.connect(studios[replica], project, join(token, project));
                }
                String track = "t-" + UUID.randomUUID();
                JsonNode outcome = client.outcome(client.op(Ops.addTrack(track, "Chaos")));
                boolean acked = "ack".equals(outcome.path("type").asText());
                count("studio op", !acked);
                if (acked) {
                    acknowledgedTracks
                            .computeIfAbsent(project, p -> ConcurrentHashMap.newKeySet())
                            .add(track);
                }
                sleep(300);
            } catch (Exception | AssertionError e) {
                count("studio op", true);
                if (client != null) {
                    client.abort();
                }
                client = null;
                replica = random.nextInt(studios.length);
                sleep(1000);
            }
        }
        if (client != null) {
            client.close();
        }
    }

    private String join(String token, String project) {
        Response joined =
                retrying("studio join", () -> given().auth().oauth2(token).post("/api/projects/" + project + "/join"));
        if (joined == null || joined.statusCode() != 200) {
            throw new IllegalStateException("no join token");
        }
        return joined.path("token");
    }

    private int invoicesOf(String token) {
        Response invoices = retrying(
                () -> given().auth().oauth2(token).queryParam("size", 100).get("/api/billing/invoices"));
        assertEquals(200, invoices.statusCode(), invoices.asString());
        return invoices.path("total");
    }

    /**
     * A call retried (up to 30 s, as a client would) while it fails, answers 5xx or is rate-limited; each try counted
     * under kind.
     */
    private <T> T retrying(String kind, Supplier<T> call) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T last = null;
        while (System.nanoTime() < giveUp) {
            try {
                last = call.get();
                int status = last instanceof Response response ? response.statusCode() : (Integer) last;
                count(kind, status >= 500);
                if (status < 500 && status != 429) { // the gateway's rate limit says when to come back
                    return last;
                }
            } catch (Exception e) { // RestAssured throws connection failures unchecked, whatever their type
                count(kind, true);
            }
            sleep(1000);
        }
        return last;
    }

    private <T> T retrying(Supplier<T> call) {
        return retrying("verification", call);
    }

    private void count(String kind, boolean failed) {
        long[] row = requests.computeIfAbsent(kind, k -> new long[2]);
        synchronized (row) {
            row[0]++;
            if (failed) {
                row[1]++;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
