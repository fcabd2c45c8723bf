package io.mashups.jobs;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.messaging.DedicatedThread;
import io.mashups.messaging.KafkaClients;
import io.mashups.messaging.KafkaRecords;
import io.mashups.messaging.MessagingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Every replica reads the engine's progress topic from its end, outside any consumer group, and hands each change to
 * its listeners: the followers of a job (SSE) and the worker (a cancel reaches a running job at once). So following
 * a job works on any replica and reads nothing from the database per viewer.
 */
@ApplicationScoped
public class JobProgressFeed {
    private static final Logger LOG = Logger.getLogger(JobProgressFeed.class);

    private final KafkaClients kafka;
    private final MessagingConfig messaging;
    private final EventType<JobProgressV1> type;
    private final List<Consumer<JobProgressV1>> listeners = new CopyOnWriteArrayList<>();
    private Reader reader;

    public JobProgressFeed(KafkaClients kafka, MessagingConfig messaging, JobStore store) {
        this.kafka = kafka;
        this.messaging = messaging;
        this.type = store.events().progress();
    }

    public void listen(Consumer<JobProgressV1> listener) {
        listeners.add(listener);
    }

    void start(@Observes StartupEvent event) {
        reader = new Reader();
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.stop();
        }
    }

    private final class Reader extends DedicatedThread {
        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                kafka.properties(Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100")),
                new StringDeserializer(),
                new ByteArrayDeserializer());

        Reader() {
            super("job-progress-feed");
        }

        @Override
        protected void wake() {
            consumer.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running()) {
                    try {
                        follow();
                    } catch (WakeupException stopping) {
                        return;
                    } catch (RuntimeException e) {
                        // the feed must outlive a broker restart or a topic that is not there yet: try again
                        LOG.warnf(
                                "job progress feed of %s: %s; reading again in a second", type.topic(), e.getMessage());
                        Thread.sleep(1000);
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        private void follow() throws InterruptedException {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    progressOf(record).ifPresent(progress -> listeners.forEach(listener -> listener.accept(progress)));
                }
            }
        }

        private Optional<JobProgressV1> progressOf(ConsumerRecord<String, byte[]> record) {
            try {
                CloudEvent event = KafkaRecords.cloudEvent(record);
                return event.is(type) ? Optional.of(event.dataAs(type)) : Optional.empty();
            } catch (RuntimeException e) {
                LOG.debugf("skipped a record of %s that is not a job progress event: %s", type.topic(), e.getMessage());
                return Optional.empty();
            }
        }

        /**
         * The topic's partitions, creating it first on a fresh Kafka (a follower may come before the first job); a
         * new topic's partitions take a moment to show in the metadata.
         */
        private List<TopicPartition> partitions() throws InterruptedException {
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(
                                new NewTopic(type.topic(), Optional.of(messaging.partitions()), Optional.empty())))
                        .all()
                        .get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    LOG.warnf(
                            "could not create %s: %s",
                            type.topic(), e.getCause().getMessage());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warnf("Kafka did not answer while creating %s", type.topic());
            }
            while (true) {
                List<TopicPartition> partitions = consumer.partitionsFor(type.topic(), Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                if (!partitions.isEmpty()) {
                    return partitions;
                }
                Thread.sleep(200);
            }
        }
    }
}
