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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of a test's own, run from the jars deploy/local resolved, in a temporary folder: fault tests stop
 * and restart it without touching the broker every other test shares.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBroker() {
        try {
            this.home = Files.createTempDirectory("mashups-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = freePort();
        this.controllerPort = freePort();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (formatting its storage the first time) and waits until it accepts connections. */
    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Path config = home.resolve("server.properties");
            if (!Files.exists(config)) {
                Files.writeString(config, String.join("\n",
                        "process.roles=broker,controller", "node.id=1",
                        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + home.resolve("data"), "num.partitions=3",
                        "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0", ""));
                run(List.of("kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                        "-c", config.toString(), "--standalone"), home.resolve("format.log")).waitFor(60, TimeUnit.SECONDS);
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
            int exit = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
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
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private Process run(List<String> mainAndArgs, Path log) throws IOException {
        Path libs = LocalInfra.localDir().resolve("kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka jars not found in " + libs + ": run deploy/local/kafka.sh start once");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp", libs + "/*"));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
