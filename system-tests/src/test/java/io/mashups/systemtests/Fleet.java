package io.mashups.systemtests;

import io.mashups.testing.ProviderFake;
import io.mashups.testing.StripeApiFake;
import io.mashups.testing.TrendSourcesFake;
import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the fleet once per test run with the launcher the README documents ({@code deploy/local/fleet.sh start}),
 * on ports shifted by {@code mashups.port.offset} so it can run beside a developer's fleet, and stops it at the end.
 * Its spans go to a local OTLP collector, billing's Stripe calls to a local Stripe API, and trends' sources (YouTube,
 * Deezer, Apple Music, a licensed feed) to a local fake of their APIs.
 */
public class Fleet implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final int OFFSET = Integer.getInteger("mashups.port.offset", 10000);
    private static boolean started;
    private static TraceCollector traces;
    private static ProviderFake stripe;
    private static ProviderFake trendSources;

    /** The cron secret the fleet's trends service wants. */
    public static final String CRON_SECRET = "system-tests-cron-secret";

    public static int gatewayPort() {
        return 8080 + OFFSET;
    }

    /** The gateway's health and metrics: a port of their own, 1000 above its public one (deploy/local/fleet.sh). */
    public static int gatewayManagementPort() {
        return gatewayPort() + 1000;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // every test class has an instance of its own, and a class may run beside the others: one start for all
        synchronized (Fleet.class) {
            startOnce(context);
        }
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gatewayPort();
    }

    private void startOnce(ExtensionContext context) throws Exception {
        if (!started) {
            traces = new TraceCollector(4318 + OFFSET);
            stripe = StripeApiFake.start();
            trendSources = TrendSourcesFake.start();
            try {
                launcher("start", "--no-build");
            } catch (IllegalStateException e) {
                // what did start talks to this run's fakes: a later run must start it again, not reuse it
                launcher("stop");
                throw e;
            }
            started = true;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Fleet.class.getName(), this);
        }
    }

    /** Every span the fleet has exported so far (it exports every half second). */
    public static List<TraceCollector.Span> spans() {
        return traces.spans();
    }

    /** The log file of a service of the fleet. */
    public static Path log(String service) {
        return repositoryRoot().resolve(".local/logs/" + service + ".log");
    }

    /** The last {@code limit} ERROR and WARN lines a service instance logged: what a failing test reports with it. */
    public static String problems(String instance, int limit) {
        return lines(instance, line -> line.contains("ERROR") || line.contains("WARN"), limit);
    }

    /** The last {@code limit} lines of a service instance's log that match. */
    public static String lines(String instance, java.util.function.Predicate<String> matching, int limit) {
        try (var lines = Files.lines(log(instance))) {
            List<String> found = lines.filter(matching).toList();
            return instance + ":\n" + String.join("\n", found.subList(Math.max(0, found.size() - limit), found.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return instance + ": no log (" + e.getMessage() + ")";
        }
    }

    /** The port of a service of the fleet, from its dev port (deploy/local/fleet.sh's list). */
    public static int port(int devPort) {
        return devPort + OFFSET;
    }

    /** Starts one more instance of a running service on {@code devPort} (shifted like the others); stop ends it too. */
    public static int replica(String service, int devPort) throws IOException, InterruptedException {
        launcher("replica", service, Integer.toString(port(devPort)));
        return port(devPort);
    }

    /** Stops one instance started by {@link #replica} ({@code service@port}) politely, as a scale-down would. */
    public static void retire(String instance) throws IOException, InterruptedException {
        launcher("retire", instance);
    }

    /** SIGKILLs one service of the running fleet, as a crash or an evicted pod would end it. */
    public static void kill(String service) throws IOException, InterruptedException {
        launcher("kill", service);
    }

    /** Starts again whatever of the fleet is not running, and waits until it is ready. */
    public static void restartMissing() throws IOException, InterruptedException {
        launcher("start", "--no-build");
    }

    @Override
    public void close() throws Exception {
        launcher("stop");
        traces.close();
        stripe.close();
        trendSources.close();
    }

    /** The fake trends' sources answer from. */
    public static ProviderFake trendSources() {
        return trendSources;
    }

    private static void launcher(String... args) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        List<String> command = new java.util.ArrayList<>(
                List.of(root.resolve("deploy/local/fleet.sh").toString()));
        command.addAll(List.of(args));
        Path log = Files.createDirectories(root.resolve(".local/logs")).resolve("system-tests-fleet.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MASHUPS_PORT_OFFSET", Integer.toString(OFFSET));
        builder.environment().put("MASHUPS_OTLP_ENDPOINT", traces.endpoint());
        builder.environment().put("MASHUPS_OTLP_PROTOCOL", "http/protobuf");
        builder.environment().put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
        // billing's Stripe client talks to the local Stripe API, so checkout and portal answer as they do in production
        builder.environment().put("STRIPE_API_KEY", StripeApiFake.API_KEY);
        builder.environment().put("MASHUPS_BILLING_STRIPE_API_BASE", stripe.baseUrl());
        // trends' sources answer from their fake; Last.fm has no key, so it is skipped and reported
        builder.environment().put("CRON_SECRET", CRON_SECRET);
        builder.environment().put("YOUTUBE_API_KEY", "system-tests-youtube-key");
        builder.environment().put("YOUTUBE_API_URL", trendSources.baseUrl() + "/youtube/v3");
        builder.environment().put("YOUTUBE_REGIONS", "US,GB");
        builder.environment().put("DEEZER_API_URL", trendSources.baseUrl());
        builder.environment().put("APPLE_MUSIC_RSS_URL", trendSources.baseUrl());
        builder.environment().put("TRENDS_LICENSED_FEED_URL", trendSources.baseUrl() + "/feed.csv");
        // Deezer's chart is due every 15 s and replicas look every 2 s: TrendsFlowIT watches two replicas share it
        builder.environment().put("MASHUPS_TRENDS_TICK", "2s");
        builder.environment().put("MASHUPS_TRENDS_DEEZER_EVERY", "15s");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("fleet.sh " + String.join(" ", args) + " failed:\n" + tail(log));
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (new File(dir.toFile(), "deploy/local/fleet.sh").isFile()) {
                return dir;
            }
        }
        throw new IllegalStateException("deploy/local/fleet.sh not found above " + System.getProperty("user.dir"));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
