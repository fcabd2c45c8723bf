import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Load for the ingest benchmark (run.sh): frontend-like batches to {@code POST /api/analytics/events}, each one
 * device's queue of BATCH events (listening sessions of a few minutes: a start, progress every 5 s, an end, now and
 * then a like, share or comment; 2,000 mashups, 20,000 devices taking turns, client times of the last minutes).
 * Phases, comma-separated mode:a:b:
 *   fixed RATE SECONDS     RATE events a second (RATE/BATCH requests at a fixed arrival rate; latency counted from
 *                          when each request was due, so a slow service cannot hide its queue)
 *   saturate CONC SECONDS  CONC requests in flight at all times
 *   backlog CONC SECONDS   as saturate, with the rollups not running: the capture alone; no waiting, no probes
 *   drain 0 0              no load: waits until the rollups have taken every event of the raw topic and prints their
 *                          rate alone (run it as the rollups start on a backlog)
 * Each phase prints the acknowledgement figures, then waits until the rollups have taken every event (the Streams
 * application's committed offsets at the raw topic's end, the table writer's at the rollup topic's end) and prints
 * the end-to-end rate; five times a second a probe (a comment on a mashup of its own) is sent beside the load, and
 * the time until its row is in the dashboard's table is its delay.
 * Arguments: port bootstrap jdbc-url schema raw-topic rollup-topic group-prefix phases; PGUSER/PGPASSWORD, BATCH.
 * Schema "-" is a service without tables (run.sh's floor): no probes, and the rollups are done once the Streams
 * application {@code <group-prefix>.rollups} has committed the raw topic's end.
 */
public class IngestLoad {
    static final int MASHUPS = 2_000;
    static final int DEVICES = 20_000;
    static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    /** Event ids are unique per device: this run's own, so that a second run is not taken for repeats. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final AtomicLong EVENT_IDS = new AtomicLong();
    static final AtomicInteger PROBES = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String bootstrap = args[1];
        String jdbc = args[2];
        String schema = args[3];
        String rawTopic = args[4];
        String rollupTopic = args[5];
        String groupPrefix = args[6];
        int batch = Integer.parseInt(System.getenv().getOrDefault("BATCH", "100"));

        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setMaxPoolSize(256)
                .setKeepAlive(true));
        boolean tables = !schema.equals("-");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                Connection db = tables
                        ? DriverManager.getConnection(jdbc, System.getenv("PGUSER"), System.getenv("PGPASSWORD"))
                        : null) {
            for (String phase : args[7].split(",")) {
                String[] part = phase.split(":");
                String mode = part[0];
                int a = Integer.parseInt(part[1]);
                int seconds = Integer.parseInt(part[2]);
                if (mode.equals("drain")) {
                    drain(admin, rawTopic, tables ? rollupTopic : null, groupPrefix);
                    continue;
                }
                boolean rollups = !mode.equals("backlog");
                boolean probing = rollups && tables;
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
                AtomicLong accepted = new AtomicLong();
                AtomicInteger next = new AtomicInteger();
                Map<String, Long> probesSent = new ConcurrentHashMap<>();
                long started = System.nanoTime();
                long until = started + TimeUnit.SECONDS.toNanos(seconds);
                // probes are looked for from the start, while the load goes on
                Map<String, Long> probesSeen = new ConcurrentHashMap<>();
                AtomicLong caughtUpAt = new AtomicLong();
                Thread looking = new Thread(() -> {
                    try {
                        while (caughtUpAt.get() == 0 || !probesSeen.keySet().containsAll(probesSent.keySet())) {
                            seeProbes(db, schema, RUN, probesSeen);
                            Thread.sleep(50);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (probing) {
                    looking.start();
                }
                long probes = vertx.setPeriodic(200, id -> {
                    if (probing && System.nanoTime() < until) {
                        String mashup = "probe-" + RUN + "-" + PROBES.incrementAndGet();
                        probesSent.put(mashup, System.nanoTime());
                        post(http, probe(mashup)).onComplete(result -> count(result, accepted, statuses));
                    }
                });
                switch (mode) {
                    case "fixed" -> {
                        int requests = Math.max(1, a / batch) * seconds;
                        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, a / batch);
                        CountDownLatch done = new CountDownLatch(requests);
                        long timer = vertx.setPeriodic(1, id -> {
                            long now = System.nanoTime();
                            for (int i = next.get(); i < requests && started + i * interval <= now; i = next.get()) {
                                long due = started + i * interval;
                                post(http, batch(next.getAndIncrement(), batch)).onComplete(result -> {
                                    latencies.add(System.nanoTime() - due);
                                    count(result, accepted, statuses);
                                    done.countDown();
                                });
                            }
                        });
                        done.await(120 + seconds, TimeUnit.SECONDS);
                        vertx.cancelTimer(timer);
                    }
                    case "saturate", "backlog" -> {
                        CountDownLatch done = new CountDownLatch(a);
                        for (int c = 0; c < a; c++) {
                            loop(http, batch, next, until, latencies, accepted, statuses, done);
                        }
                        done.await(120 + seconds, TimeUnit.SECONDS);
                    }
                    default -> throw new IllegalArgumentException("mode " + mode);
                }
                vertx.cancelTimer(probes);
                double sendSeconds = (System.nanoTime() - started) / 1e9;
                long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(sorted);
                System.out.printf(
                        "%s %s: %d requests of %d events in %.1f s: %.0f events/s acknowledged (accepted %d);"
                                + " ack p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                        mode,
                        a,
                        sorted.length,
                        batch,
                        sendSeconds,
                        accepted.get() / sendSeconds,
                        accepted.get(),
                        percentile(sorted, 0.50),
                        percentile(sorted, 0.99),
                        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                        statuses);
                if (!rollups) {
                    continue;
                }

                awaitRollups(admin, rawTopic, tables ? rollupTopic : null, groupPrefix);
                caughtUpAt.set(System.nanoTime());
                looking.join(TimeUnit.MINUTES.toMillis(2));
                long[] delays = probesSent.entrySet().stream()
                        .filter(sent -> probesSeen.containsKey(sent.getKey()))
                        .mapToLong(sent -> probesSeen.get(sent.getKey()) - sent.getValue())
                        .sorted()
                        .toArray();
                double endToEnd = (caughtUpAt.get() - started) / 1e9;
                System.out.printf(
                        "  end to end: %d events in the rollups %.1f s after the phase began = %.0f events/s;"
                                + " dashboard delay of %d/%d probes p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        accepted.get(),
                        endToEnd,
                        accepted.get() / endToEnd,
                        delays.length,
                        probesSent.size(),
                        percentile(delays, 0.50),
                        percentile(delays, 0.99),
                        delays.length == 0 ? 0 : delays[delays.length - 1] / 1e6);
            }
        }
        http.close();
        vertx.close();
    }

    private static void count(
            io.vertx.core.AsyncResult<int[]> result, AtomicLong accepted, Map<Integer, Integer> statuses) {
        statuses.merge(result.succeeded() ? result.result()[0] : -1, 1, Integer::sum);
        if (result.succeeded()) {
            accepted.addAndGet(result.result()[1]);
        }
    }

    private static void loop(
            HttpClient http,
            int batch,
            AtomicInteger next,
            long until,
            List<Long> latencies,
            AtomicLong accepted,
            Map<Integer, Integer> statuses,
            CountDownLatch done) {
        if (System.nanoTime() > until) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        post(http, batch(next.getAndIncrement(), batch)).onComplete(result -> {
            latencies.add(System.nanoTime() - sent);
            count(result, accepted, statuses);
            loop(http, batch, next, until, latencies, accepted, statuses, done);
        });
    }

    /** Answers the status and how many events were accepted. */
    private static Future<int[]> post(HttpClient http, String body) {
        return http.request(HttpMethod.POST, "/api/analytics/events")
                .compose(request -> request.putHeader("Content-Type", "application/json")
                        .putHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0")
                        .send(Buffer.buffer(body))
                        .compose(response -> response.body().map(answer -> {
                            Matcher matcher = ACCEPTED.matcher(answer.toString());
                            return new int[] {response.statusCode(), matcher.find() ? Integer.parseInt(matcher.group(1)) : 0
                            };
                        })));
    }

    /**
     * The n-th request: the queue of device n (taking turns), listening to mashups picked by n; its sessions end a
     * little before now, client times a second apart at most.
     */
    static String batch(int n, int size) {
        SplittableRandom random = new SplittableRandom(n);
        String device = "bench-device-" + n % DEVICES;
        long end = System.currentTimeMillis() - random.nextLong(60_000);
        long at = end - size * 5_000L;
        StringBuilder json = new StringBuilder(size * 200).append("{\"events\":[");
        int written = 0;
        while (written < size) {
            String mashup = "bench-mashup-" + (int) (MASHUPS * Math.pow(random.nextDouble(), 2)); // a few popular
            double length = 60 + random.nextInt(240);
            int steps = 2 + random.nextInt((int) (length / 5));
            for (int step = 0; step < steps && written < size; step++) {
                String type = step == 0 ? "play_start" : step == steps - 1 ? "play_end" : "play_progress";
                event(json, written++, type, device, mashup, at, "\"positionSec\":" + step * 5 + ",\"trackLengthSec\":"
                        + length + ",\"source\":\"feed\"");
                at += 5_000;
            }
            if (written < size && random.nextInt(10) == 0) {
                switch (random.nextInt(3)) {
                    case 0 -> event(json, written++, "like", device, mashup, at, null);
                    case 1 -> event(json, written++, "share", device, mashup, at, "\"platform\":\"tiktok\"");
                    default -> event(json, written++, "comment", device, mashup, at, null);
                }
            }
        }
        return json.append("]}").toString();
    }

    static String probe(String mashup) {
        StringBuilder json = new StringBuilder("{\"events\":[");
        event(json, 0, "comment", "bench-probe-" + mashup, mashup, System.currentTimeMillis(), null);
        return json.append("]}").toString();
    }

    private static void event(
            StringBuilder json, int index, String type, String device, String mashup, long at, String more) {
        if (index > 0) {
            json.append(',');
        }
        json.append("{\"id\":\"").append(RUN).append('-').append(EVENT_IDS.incrementAndGet()).append("\",\"type\":\"").append(type)
                .append("\",\"deviceId\":\"").append(device).append("\",\"mashupId\":\"").append(mashup)
                .append("\",\"clientTime\":\"").append(Instant.ofEpochMilli(at)).append('"');
        if (more != null) {
            json.append(',').append(more);
        }
        json.append('}');
    }

    private static void seeProbes(Connection db, String schema, String run, Map<String, Long> seen) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT mashup_id FROM " + schema
                        + ".mashup_days WHERE mashup_id LIKE 'probe-" + run + "-%' AND comments > 0")) {
            long now = System.nanoTime();
            while (rows.next()) {
                seen.putIfAbsent(rows.getString(1), now);
            }
        }
    }

    /** Waits until the rollups have taken the whole raw topic; prints how many events that was and their rate. */
    private static void drain(Admin admin, String rawTopic, String rollupTopic, String groupPrefix) throws Exception {
        long started = System.nanoTime();
        long events = ends(admin, rawTopic).values().stream()
                .mapToLong(end -> end.offset())
                .sum();
        awaitRollups(admin, rawTopic, rollupTopic, groupPrefix);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "drain: the rollups alone took the %d events of the backlog in %.1f s (their start included) = %.0f"
                        + " events/s%n",
                events,
                seconds,
                events / seconds);
    }

    /**
     * Waits (ten minutes at most) until the Streams application has committed the raw topic's end and the table
     * writer, where there is a rollup topic, the rollup topic's end.
     */
    private static void awaitRollups(Admin admin, String rawTopic, String rollupTopic, String groupPrefix)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline
                && !(caughtUp(admin, groupPrefix + ".rollups", rawTopic)
                        && (rollupTopic == null || caughtUp(admin, groupPrefix + ".rollup-tables", rollupTopic)))) {
            Thread.sleep(50);
        }
    }

    /** The group has committed every partition of the topic to its end (a transaction marker may follow). */
    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return ends(admin, topic).entrySet().stream().allMatch(end -> {
            OffsetAndMetadata at = committed.get(end.getKey());
            return end.getValue().offset() == 0 || (at != null && at.offset() >= end.getValue().offset() - 1);
        });
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends(Admin admin, String topic)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }
}
