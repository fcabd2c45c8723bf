import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floors of the ingest benchmark (run.sh): the least that any capture and any exactly-once rollup must do, run
 * on the same cores with the same load, so the service's figures can be read against what these cores allow.
 *   relay PORT BOOTSTRAP TOPIC   an HTTP server taking the benchmark's batches: each event parsed, stamped with the
 *                                time it arrived and written to TOPIC keyed by its mashup with the service's producer
 *                                settings; answers {"accepted": n} once Kafka has them all. No validation,
 *                                deduplication, enrichment or authentication.
 *   count BOOTSTRAP TOPIC OUTPUT-TOPIC APPLICATION-ID STATE-DIR GATE-TOPIC
 *                                a Kafka Streams application with the service's guarantee (exactly_once_v2), commit
 *                                interval, cache and thread: counts the events per key (one store, its changelog, the
 *                                counts to OUTPUT-TOPIC). No parsing, sessions or tables. Like the service in run.sh,
 *                                it starts once GATE-TOPIC exists.
 * Both run until killed.
 */
public class Floor {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "relay" -> relay(Integer.parseInt(args[1]), args[2], args[3]);
            case "count" -> count(args[1], args[2], args[3], args[4], args[5], args[6]);
            default -> throw new IllegalArgumentException(args[0]);
        }
        new CountDownLatch(1).await();
    }

    static void relay(int port, String bootstrap, String topic) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "acks", "all",
                        "enable.idempotence", "true",
                        "linger.ms", "2"),
                new StringSerializer(),
                new ByteArraySerializer());
        Vertx vertx = Vertx.vertx();
        // an event loop per core, as the service has
        vertx.deployVerticle(
                () -> new AbstractVerticle() {
                    @Override
                    public void start() {
                        vertx.createHttpServer()
                                .requestHandler(request -> request.body().onSuccess(body -> {
                                    JsonArray events = body.toJsonObject().getJsonArray("events");
                                    String arrived = Instant.now().toString();
                                    AtomicInteger waiting = new AtomicInteger(events.size());
                                    for (int i = 0; i < events.size(); i++) {
                                        JsonObject event = events.getJsonObject(i).put("receivedAt", arrived);
                                        producer.send(
                                                new ProducerRecord<>(
                                                        topic, event.getString("mashupId"), event.toBuffer().getBytes()),
                                                (metadata, error) -> {
                                                    if (waiting.decrementAndGet() == 0) {
                                                        request.response()
                                                                .putHeader("Content-Type", "application/json")
                                                                .end("{\"accepted\":" + events.size() + "}");
                                                    }
                                                });
                                    }
                                }))
                                .listen(port, "127.0.0.1");
                    }
                },
                new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()));
    }

    static void count(String bootstrap, String topic, String output, String applicationId, String stateDir, String gate)
            throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .count()
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        Properties settings = new Properties();
        settings.putAll(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1",
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000",
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(64L << 20),
                StreamsConfig.STATE_DIR_CONFIG, stateDir));
        KafkaStreams streams = new KafkaStreams(builder.build(), settings);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (!admin.listTopics().names().get().contains(gate)) {
                Thread.sleep(100);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
    }
}
