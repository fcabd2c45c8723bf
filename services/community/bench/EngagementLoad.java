import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.analytics.EngagementV1;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Engagement for the challenge benchmark (challenge.sh): {@code analytics.engagement} events of the mashup scope, as
 * analytics-ingest publishes them, at a fixed rate for some seconds, each for a random mashup of the benchmark's
 * entries (a few plays, sometimes a like, a share or a comment, the window ending now). Prints how many it sent.
 * Arguments: bootstrap rate seconds entries; or bootstrap truncate: deletes the topic's records (what a benchmark
 * sent would otherwise be replayed by every test's new consumer group on this machine's Kafka).
 */
public class EngagementLoad {
    public static void main(String[] args) throws Exception {
        if (args[1].equals("truncate")) {
            truncate(args[0]);
            return;
        }
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int entries = Integer.parseInt(args[3]);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        SplittableRandom random = new SplittableRandom(42);
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - start) / interval + 1);
                for (; sent < due; sent++) {
                    String mashup = "bench-mashup-" + random.nextInt(entries);
                    String owner = "entrant-" + mashup.substring("bench-mashup-".length());
                    long plays = 1 + random.nextInt(3);
                    long likes = random.nextInt(4) == 0 ? 1 : 0;
                    long shares = random.nextInt(20) == 0 ? 1 : 0;
                    long comments = random.nextInt(10) == 0 ? 1 : 0;
                    EngagementV1.Counts delta = new EngagementV1.Counts(plays, plays, likes, shares, comments, 0);
                    Instant now = Instant.now();
                    CloudEvent event = CloudEvent.of(
                            EventCatalog.ENGAGEMENT,
                            URI.create("/bench"),
                            mashup,
                            new EngagementV1(
                                    EngagementV1.MASHUP, mashup, owner, delta, delta, now.minusSeconds(5), now));
                    ProducerRecord<String, byte[]> record =
                            new ProducerRecord<>(EventCatalog.ENGAGEMENT.topic(), mashup, event.data());
                    for (Map.Entry<String, String> header : event.headers().entrySet()) {
                        record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                    producer.send(record);
                }
                Thread.sleep(1);
            }
            producer.flush();
        }
        System.out.printf("engagement: %d events in %.1f s%n", sent, (System.nanoTime() - start) / 1e9);
    }

    private static void truncate(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            String topic = EventCatalog.ENGAGEMENT.topic();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> upTo = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((partition, offset) -> upTo.put(partition, RecordsToDelete.beforeOffset(offset.offset())));
            admin.deleteRecords(upTo).all().get();
            System.out.println("deleted the records of " + topic);
        }
    }
}
