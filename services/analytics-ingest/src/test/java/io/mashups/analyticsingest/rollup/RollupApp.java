package io.mashups.analyticsingest.rollup;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * The rollup topology as the service runs it (exactly once, RocksDB state), alone in a JVM of its own so that a test
 * can kill it: {@code RollupApp <bootstrap servers> <application id> <state dir>}.
 */
public final class RollupApp {
    private RollupApp() {}

    public static void main(String[] args) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // exactly once's own default, stated so that a run with at_least_once (which this test fails) is comparable
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // a killed instance's membership lapses in seconds, not the default 45, so the restarted one takes over soon
        properties.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6_000);
        properties.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
        KafkaStreams streams = new KafkaStreams(
                RollupTopology.build(
                        RollupTopologyTest.SETTINGS, new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers()),
                properties);
        // a broker gone for a while fails a thread; a new one resumes from the last committed transaction
        streams.setUncaughtExceptionHandler(
                failure -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.setStateListener((now, before) -> System.out.println("state " + before + " -> " + now));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }
}
