package io.mashups.jobs;

import static io.mashups.messaging.Blocking.await;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.messaging.KafkaClients;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class JobEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    @Inject
    JobStore store;

    @Inject
    JobFollowers followers;

    @Inject
    KafkaClients kafka;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAfterItsLeaseAndCompletesOnce() throws Exception {
        String jobId = UUID.randomUUID().toString();
        // a worker claimed it, then died: its lease runs out and no dispatch message will come again
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, request, status, stage, progress, attempts, "
                        + "lease_owner, lease_until, created_at, updated_at) VALUES ('" + jobId
                        + "', 'sleeper', 'dead-worker-owner', '\"0.1\"', "
                        + "'running', 'sleeping', 20, 1, 'dead-worker', now() + interval '1 second', now(), now())");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(jobId).equals("completed"));
        assertEquals(2, count("SELECT attempts FROM jobs WHERE id = '" + jobId + "'"));
        assertEquals(
                1, count("SELECT count(*) FROM job_results WHERE job_id = '" + jobId + "'"), "completed exactly once");
    }

    @Test
    void cancelStopsARunningJobAndItsChildProcessAndRecordsNothing() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String seconds = "60." + (100 + (int) (Math.random() * 899)); // a command line no other process has
        String jobId = start(owner, TestJobs.SLEEPER, seconds, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> childAlive(seconds));

        given().queryParam("owner", owner)
                .queryParam("kind", TestJobs.SLEEPER)
                .delete("/test/jobs/" + jobId)
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> !childAlive(seconds));
        assertEquals("cancelled", status(jobId));
        Thread.sleep(1000); // had the worker gone on, it would record its result now
        assertEquals(0, count("SELECT count(*) FROM job_results WHERE job_id = '" + jobId + "'"));
        assertEquals("cancelled", status(jobId));
    }

    @Test
    void aJobThatKeepsFailingFailsAfterMaxAttemptsWithItsReason() throws Exception {
        String jobId = start("owner-" + UUID.randomUUID(), TestJobs.FLAKY, "", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(jobId).equals("failed"));
        assertEquals(3, count("SELECT attempts FROM jobs WHERE id = '" + jobId + "'"));
        assertEquals(
                1,
                count("SELECT count(*) FROM jobs WHERE id = '" + jobId + "' AND error = 'flaky failure on attempt 3'"));
        assertEquals(
                1,
                count("SELECT count(*) FROM job_failures WHERE job_id = '" + jobId
                        + "' AND reason = 'flaky failure on attempt 3'"),
                "the kind recorded its failure once, in the failing transaction");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameJobEvenAtOnce() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        List<CompletableFuture<String>> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> start(owner, TestJobs.ELSEWHERE, "", "key-1")));
        }
        List<String> ids =
                starts.stream().map(CompletableFuture::join).distinct().toList();

        assertEquals(1, ids.size(), "one job for one key: " + ids);
        assertEquals(1, count("SELECT count(*) FROM jobs WHERE owner_id = '" + owner + "'"));
        assertFalse(start(owner, TestJobs.ELSEWHERE, "", "key-2").equals(ids.get(0)), "another key, another job");
    }

    @Test
    void aFullWorkerLeavesTheBacklogInKafkaAsLag() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String seconds = "30." + (100 + (int) (Math.random() * 899));
        String busy = start(owner, TestJobs.SLEEPER, seconds, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> childAlive(seconds));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(start(owner, TestJobs.SLEEPER, "0.1", null));
        }

        // the only slot is busy: the dispatch consumer holds one job and does not poll, the rest stay in Kafka
        await().atMost(Duration.ofSeconds(20)).until(() -> lag() >= 2);
        Thread.sleep(2000);
        for (String id : waiting) {
            assertEquals("queued", status(id), "nobody took " + id + " while the worker was full");
        }

        given().queryParam("owner", owner)
                .queryParam("kind", TestJobs.SLEEPER)
                .delete("/test/jobs/" + busy)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> waiting.stream().allMatch(id -> status(id).equals("completed")));
        await().atMost(Duration.ofSeconds(20)).until(() -> lag() == 0);
    }

    @Test
    void aRequestIsTakenBeforeBackgroundWorkQueuedEarlier() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String seconds = "30." + (100 + (int) (Math.random() * 899));
        String busy = start(owner, TestJobs.SLEEPER, seconds, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> childAlive(seconds));
        List<String> automatic = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            automatic.add(given().queryParam("owner", owner)
                    .queryParam("kind", TestJobs.SLEEPER)
                    .queryParam("request", "0.2")
                    .queryParam("background", true)
                    .post("/test/jobs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
        String asked = start(owner, TestJobs.SLEEPER, "0.2", null);

        given().queryParam("owner", owner)
                .queryParam("kind", TestJobs.SLEEPER)
                .delete("/test/jobs/" + busy)
                .then()
                .statusCode(200);
        List<String> waiting = new ArrayList<>(automatic);
        waiting.add(asked);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> waiting.stream().allMatch(id -> status(id).equals("completed")));

        // one slot: the order the jobs completed in is the order they were taken in
        List<String> taken = new ArrayList<>();
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var rs = c.createStatement()
                        .executeQuery("SELECT job_id FROM job_results WHERE job_id IN ('" + String.join("','", waiting)
                                + "') ORDER BY recorded_at")) {
            while (rs.next()) {
                taken.add(rs.getString(1));
            }
        }
        List<String> expected = new ArrayList<>(List.of(asked));
        expected.addAll(automatic);
        assertEquals(expected, taken, "the request first, then the automatic work in the order queued");
    }

    @Test
    void aJobIsFollowedOverSseOnAReplicaThatDoesNotRunIt() throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String jobId = start(owner, TestJobs.ELSEWHERE, "", null);
        CompletableFuture<Void> following = new CompletableFuture<>();
        CompletableFuture<List<JsonNode>> events =
                CompletableFuture.supplyAsync(() -> followOverSse(owner, jobId, following));
        following.get(30, TimeUnit.SECONDS);

        runElsewhere(jobId, 3);

        List<JsonNode> seen = events.get(30, TimeUnit.SECONDS);
        JsonNode last = seen.get(seen.size() - 1);
        assertEquals("completed", last.path("status").asText(), "stream " + seen);
        assertEquals("result-of-" + jobId, last.path("resultId").asText());
        assertTrue(seen.stream().anyMatch(e -> e.path("stage").asText().equals("step 2")), "each step seen: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(
                    seen.get(i).path("revision").asLong()
                            > seen.get(i - 1).path("revision").asLong(),
                    "newer each time");
        }
        given().queryParam("owner", "someone-else")
                .queryParam("kind", TestJobs.ELSEWHERE)
                .get("/test/jobs/" + jobId + "/events")
                .then()
                .statusCode(404);
    }

    @Test
    void fiveHundredFollowersOfOneJobReadTheDatabaseNoMoreThanOne() throws Exception {
        long oneFollower = readsToFollow(1);
        long fiveHundred = readsToFollow(500);

        assertEquals(1, oneFollower, "one row read for one follower");
        assertEquals(oneFollower, fiveHundred, "500 followers: the same reads as one");
    }

    /** Rows read while {@code count} followers follow one job through 10 steps to its end, each seeing the end. */
    private long readsToFollow(int count) throws Exception {
        String owner = "owner-" + UUID.randomUUID();
        String jobId = start(owner, TestJobs.ELSEWHERE, "", null);
        long before = followers.rowReads();
        List<CompletableFuture<JobProgressV1>> lasts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<JobProgressV1> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<JobProgressV1> last = new CompletableFuture<>();
            await(() -> followers.follow(owner, TestJobs.ELSEWHERE, jobId))
                    .subscribe()
                    .with(seen::add, last::completeExceptionally, () -> last.complete(seen.get(seen.size() - 1)));
            lasts.add(last);
        }

        runElsewhere(jobId, 10);

        for (CompletableFuture<JobProgressV1> last : lasts) {
            assertEquals("completed", last.get(30, TimeUnit.SECONDS).status());
        }
        return followers.rowReads() - before;
    }

    /** Another replica claims the job, reports steps and completes it: only the database and Kafka connect us. */
    private void runElsewhere(String jobId, int steps) {
        String replica = "replica-b/" + UUID.randomUUID();
        assertEquals(jobId, await(() -> store.claim(jobId, replica)).id);
        for (int step = 1; step <= steps; step++) {
            int percent = step * 90 / steps;
            String stage = "step " + step;
            assertTrue(await(() -> store.progress(jobId, replica, stage, percent)));
        }
        assertTrue(await(
                () -> store.complete(jobId, replica, () -> Uni.createFrom().item("result-of-" + jobId))));
    }

    /** Every event of the stream; {@code following} completes with the first (the job's state when followed). */
    private List<JsonNode> followOverSse(String owner, String jobId, CompletableFuture<Void> following) {
        try {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/test/jobs/" + jobId + "/events?owner=" + owner
                                            + "&kind=" + TestJobs.ELSEWHERE))
                                    .header("Accept", "text/event-stream")
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            List<JsonNode> events = new ArrayList<>();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(JSON.readTree(line.substring(5)));
                        following.complete(null);
                    }
                }
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String start(String owner, String kind, String request, String idempotencyKey) {
        var call = given().queryParam("owner", owner).queryParam("kind", kind).queryParam("request", request);
        if (idempotencyKey != null) {
            call = call.header("Idempotency-Key", idempotencyKey);
        }
        return call.post("/test/jobs").then().statusCode(200).extract().asString();
    }

    private String status(String jobId) {
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var rs = c.createStatement().executeQuery("SELECT status FROM jobs WHERE id = '" + jobId + "'")) {
            return rs.next() ? rs.getString(1) : "missing";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws Exception {
        return MashupsTestEnvironment.count(schema, sql);
    }

    private static boolean childAlive(String marker) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().orElse("").equals("/usr/bin/sleep " + marker)
                        || p.info()
                                .arguments()
                                .map(args -> args.length == 1 && args[0].equals(marker))
                                .orElse(false));
    }

    /** Jobs dispatched to the worker group that it has not taken yet (committed offsets behind the topic's end). */
    private long lag() throws Exception {
        String topic = store.events().queued().topic();
        String group = kafka.groupId("job-workers");
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .mapToLong(end -> {
                        OffsetAndMetadata done = committed.get(end.getKey());
                        return end.getValue().offset() - (done == null ? 0 : done.offset());
                    })
                    .sum();
        }
    }
}
