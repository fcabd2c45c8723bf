package io.mashups.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of a test's own, run from the jars deploy/local resolved, in a temporary folder: fault tests stop
 * and restart it without touching the broker every other test shares. {@link #withScram()} makes one whose clients
 * must log in with SASL/SCRAM, as on a managed Kafka.
 */
public final class KafkaBroker implements AutoCloseable {
    /** The one user of a SCRAM broker, created when its storage is formatted. */
    public static final String SCRAM_USER = "mashups-service";

    private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final Path home;
    private final int port;
    private final int controllerPort;
    /** The broker's own listener when clients log in on {@link #port}; 0 when {@link #port} is plain. */
    private final int internalPort;

    private final String scramPassword;
    private Process process;

    public KafkaBroker() {
        this(false);
    }

    private KafkaBroker(boolean scram) {
        try {
            this.home = Files.createTempDirectory("mashups-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = freePort();
        this.controllerPort = freePort();
        this.internalPort = scram ? freePort() : 0;
        this.scramPassword = scram ? java.util.UUID.randomUUID().toString() : null;
    }

    /** A broker whose client listener takes only SASL/SCRAM logins of {@link #SCRAM_USER}. */
    public static KafkaBroker withScram() {
        return new KafkaBroker(true);
    }

    /** The client listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** What a client needs to reach this broker: the bootstrap servers and, for a SCRAM broker, the login. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        if (scramPassword != null) {
            props.putAll(scramLogin(scramPassword));
        }
        return props;
    }

    /** The SASL/SCRAM client settings for a password: the right one, or a wrong one to show it is refused. */
    public static Map<String, String> scramLogin(String password) {
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                SCRAM_MECHANISM,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCRAM_USER
                        + "\" password=\"" + password + "\";");
    }

    /** Starts the broker (formatting its storage the first time) and waits until it accepts connections. */
    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Path config = home.resolve("server.properties");
            if (!Files.exists(config)) {
                Files.writeString(config, String.join("\n", serverProperties()));
                List<String> format = new ArrayList<>(List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        org.apache.kafka.common.Uuid.randomUuid().toString(),
                        "-c",
                        config.toString(),
                        "--standalone"));
                if (scramPassword != null) {
                    format.addAll(List.of(
                            "--add-scram",
                            SCRAM_MECHANISM + "=[name=" + SCRAM_USER + ",password=" + scramPassword + "]"));
                }
                Process formatting = run(format, home.resolve("format.log"));
                if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                    throw new IllegalStateException(
                            "formatting the test broker failed; see " + home.resolve("format.log"));
                }
            }
            process = run(List.of("kafka.Kafka", config.toString()), home.resolve("broker.log"));
            awaitPort(Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> serverProperties() {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        if (scramPassword == null) {
            lines.addAll(List.of(
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"));
        } else {
            // clients log in on SASL_PLAINTEXT; the broker talks to itself on a plain listener no test client is given
            lines.addAll(List.of(
                    "listeners=PLAINTEXT://127.0.0.1:" + internalPort + ",SASL_PLAINTEXT://127.0.0.1:" + port
                            + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + internalPort + ",SASL_PLAINTEXT://127.0.0.1:"
                            + port,
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                    "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
                    "listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT)
                            + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"));
        }
        lines.add("");
        return lines;
    }

    /** Stops the broker the hard way (SIGKILL), as a crash or a network cut would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /**
     * Freezes the broker (SIGSTOP): its sockets stay open and take what clients send, nothing is answered until
     * {@link #resume()}, as with a broker stalled by a long pause or a slow disk.
     */
    public synchronized void pause() {
        signal("-STOP");
    }

    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("the broker is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private Process run(List<String> mainAndArgs, Path log) throws IOException {
        Path libs = LocalInfra.localDir().resolve("kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(
                    "Kafka jars not found in " + libs + ": run deploy/local/kafka.sh start once");
        }
        // C1 alone: a test's broker lives for seconds and restarts, so its start costs more than its compiled speed
        // saves (RollupExactlyOnceTest 64 -> 48 s with its streams app on C1 too)
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                libs + "/*"));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitPort(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("test Kafka broker exited; see " + home.resolve("broker.log"));
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("test Kafka broker did not listen on " + port + " within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
