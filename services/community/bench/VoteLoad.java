import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the vote benchmark (run.sh): signs one RS256 token per voter with the service's dev key, then runs phases
 * (comma-separated mode:a:b, in one JVM so the load generator is warm too; a mode starting with '-' is not printed):
 *   fixed RATE SECONDS      votes at a fixed arrival rate (latency counted from when each vote was due, so a slow
 *                           service cannot hide its queue), each from the next voter, for a random entry
 *   saturate CONC SECONDS   CONC votes in flight at all times (throughput)
 *   get PATH COUNT          COUNT sequential GETs of PATH (the leaderboard page)
 *   getfor PATH SECONDS     sequential GETs of PATH for SECONDS
 *   rotate PATHS SECONDS    sequential GETs for SECONDS, of each of the '|'-separated PATHS (or absolute URLs) in
 *                           turn (so each sees the same moments of a changing load), figures per path
 * printing one line of figures each. Arguments: port key-base64 issuer battle voters entries phases
 */
public class VoteLoad {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(args[1])));
        String issuer = args[2];
        String battle = args[3];
        int voters = Integer.parseInt(args[4]);
        int entries = Integer.parseInt(args[5]);
        // signing thousands of RS256 tokens takes seconds: once per run, kept beside the key
        java.nio.file.Path cache = java.nio.file.Path.of(System.getProperty("tokens", "tokens.txt"));
        String[] tokens;
        if (java.nio.file.Files.exists(cache)) {
            tokens = java.nio.file.Files.readAllLines(cache).toArray(String[]::new);
        } else {
            tokens = new String[voters];
            for (int i = 0; i < voters; i++) {
                tokens[i] = token(key, issuer, "voter-" + i);
            }
            java.nio.file.Files.write(cache, List.of(tokens));
        }
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setMaxPoolSize(256)
                .setKeepAlive(true));
        for (String phase : args[6].split(",")) {
            // mode:a:b, where a may hold colons (URLs)
            String head = phase.substring(0, phase.indexOf(':'));
            boolean quiet = head.startsWith("-");
            String mode = head.replace("-", "");
            String a = phase.substring(head.length() + 1, phase.lastIndexOf(':'));
            String b = phase.substring(phase.lastIndexOf(':') + 1);
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<Integer, Integer> statuses = java.util.Collections.synchronizedMap(new TreeMap<>());
            AtomicInteger next = new AtomicInteger();
            long started = System.nanoTime();
            switch (mode) {
                case "fixed" -> {
                    int rate = Integer.parseInt(a);
                    int total = rate * Integer.parseInt(b);
                    CountDownLatch done = new CountDownLatch(total);
                    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
                    long phaseStart = started;
                    long[] byVote = new long[total];
                    // sent from an event loop each millisecond: every vote that is due by then
                    long timer = vertx.setPeriodic(1, id -> {
                        long now = System.nanoTime();
                        for (int i = next.get(); i < total && phaseStart + i * interval <= now; i = next.get()) {
                            long due = phaseStart + i * interval;
                            int n = next.getAndIncrement();
                            vote(http, battle, tokens, entries, n).onComplete(result -> {
                                byVote[n] = System.nanoTime() - due;
                                latencies.add(byVote[n]);
                                statuses.merge(result.succeeded() ? result.result() : -1, 1, Integer::sum);
                                done.countDown();
                            });
                        }
                    });
                    done.await(60 + Integer.parseInt(b), TimeUnit.SECONDS);
                    vertx.cancelTimer(timer);
                    if (!quiet) {
                        StringBuilder seconds = new StringBuilder("fixed, p99 of each second's votes (ms):");
                        for (int from = 0; from < total; from += rate) {
                            long[] second = Arrays.copyOfRange(byVote, from, Math.min(total, from + rate));
                            Arrays.sort(second);
                            seconds.append(String.format(" %.1f", percentile(second, 0.99)));
                        }
                        System.out.println(seconds);
                    }
                }
                case "saturate" -> {
                    int concurrency = Integer.parseInt(a);
                    long until = started + TimeUnit.SECONDS.toNanos(Integer.parseInt(b));
                    CountDownLatch done = new CountDownLatch(concurrency);
                    for (int c = 0; c < concurrency; c++) {
                        loop(http, battle, tokens, entries, next, until, latencies, statuses, done);
                    }
                    done.await(60 + (until - started) / 1_000_000_000L, TimeUnit.SECONDS);
                }
                case "get", "getfor" -> {
                    // get: COUNT sequential GETs; getfor: for SECONDS
                    int count = mode.equals("get") ? Integer.parseInt(b) : Integer.MAX_VALUE;
                    long stop = mode.equals("get") ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(Integer.parseInt(b));
                    for (int i = 0; i < count && System.nanoTime() < stop; i++) {
                        long sent = System.nanoTime();
                        int status = get(http, a, tokens[i % voters]);
                        latencies.add(System.nanoTime() - sent);
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
                case "rotate" -> {
                    String[] paths = a.split("\\|");
                    Map<String, List<Long>> byPath = new TreeMap<>();
                    Map<String, Map<Integer, Integer>> statusesByPath = new TreeMap<>();
                    long stop = started + TimeUnit.SECONDS.toNanos(Integer.parseInt(b));
                    for (int i = 0; System.nanoTime() < stop; i++) {
                        String path = paths[i % paths.length];
                        long sent = System.nanoTime();
                        int status = get(http, path, tokens[i % voters]);
                        byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(System.nanoTime() - sent);
                        statusesByPath.computeIfAbsent(path, p -> new TreeMap<>()).merge(status, 1, Integer::sum);
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    byPath.forEach((path, taken) -> print("rotate " + path, taken, statusesByPath.get(path), seconds));
                    continue;
                }
                default -> throw new IllegalArgumentException("mode " + mode);
            }
            if (!quiet) print(mode, latencies, statuses, (System.nanoTime() - started) / 1e9);
        }
        http.close();
        vertx.close();
    }

    /** A GET of a path (or an absolute URL) with the token; its status once the body has arrived. */
    private static int get(HttpClient http, String path, String token) throws Exception {
        RequestOptions target = path.startsWith("http")
                ? new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(path)
                : new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
        return http.request(target)
                .compose(request -> request.putHeader("Authorization", "Bearer " + token)
                        .send()
                        .compose(response -> response.body().map(body -> response.statusCode())))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static void print(String label, List<Long> latencies, Map<Integer, Integer> statuses, double seconds) {
        long[] sorted;
        // a phase that timed out still has votes answering into its lists
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        synchronized (statuses) {
            statuses = new TreeMap<>(statuses);
        }
        Arrays.sort(sorted);
        System.out.printf(
                "%s: %d requests in %.1f s = %.0f/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                label,
                sorted.length,
                seconds,
                sorted.length / seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                statuses);
    }

    private static void loop(
            HttpClient http,
            String battle,
            String[] tokens,
            int entries,
            AtomicInteger next,
            long until,
            List<Long> latencies,
            Map<Integer, Integer> statuses,
            CountDownLatch done) {
        if (System.nanoTime() > until) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        vote(http, battle, tokens, entries, next.getAndIncrement()).onComplete(result -> {
            latencies.add(System.nanoTime() - sent);
            statuses.merge(result.succeeded() ? result.result() : -1, 1, Integer::sum);
            loop(http, battle, tokens, entries, next, until, latencies, statuses, done);
        });
    }

    /** The n-th vote: voter n (round robin), for an entry picked from n, from an address of the voter's own (X-Real-IP, as the gateway sets it). */
    private static Future<Integer> vote(HttpClient http, String battle, String[] tokens, int entries, int n) {
        int voter = n % tokens.length;
        String body = "{\"entryId\":\"bench-entry-" + Math.floorMod(n * 7919L + voter, entries) + "\"}";
        return http.request(HttpMethod.POST, "/api/battles/" + battle + "/vote")
                .compose(request -> request.putHeader("Authorization", "Bearer " + tokens[voter])
                        .putHeader("Content-Type", "application/json")
                        .putHeader("X-Real-IP", "10." + (voter >> 16 & 255) + "." + (voter >> 8 & 255) + "." + (voter & 255))
                        .send(Buffer.buffer(body))
                        .compose(response -> response.body().map(ignored -> response.statusCode())));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static String token(PrivateKey key, String issuer, String subject) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"name\":\""
                        + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"groups\":[\"user\"]}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + url.encodeToString(signer.sign());
    }
}
