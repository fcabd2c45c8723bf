package io.mashups.messaging.consumer;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.mashups.events.Topics;
import io.mashups.messaging.DedicatedThread;
import io.mashups.messaging.KafkaRecords;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Runs one {@link EventHandler} on its own thread: polls its topics, applies each event exactly once through the
 * inbox, commits offsets after the effect committed, and dead-letters what it cannot apply.
 */
class EventConsumer extends DedicatedThread {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    static final String DLQ_REASON = "dlq-reason";
    static final String DLQ_CONSUMER = "dlq-consumer";
    static final String DLQ_ORIGIN = "dlq-origin";

    private final EventHandler handler;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> deadLetters;
    private final Inbox inbox;
    private final MessagingConfig.Consumer settings;
    private final Map<String, EventType<?>> handledTypes;

    EventConsumer(
            EventHandler handler,
            Consumer<String, byte[]> consumer,
            Producer<String, byte[]> deadLetters,
            Inbox inbox,
            MessagingConfig.Consumer settings) {
        super("event-consumer-" + handler.name());
        this.handler = handler;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.inbox = inbox;
        this.settings = settings;
        this.handledTypes = handler.eventTypes().stream().collect(Collectors.toMap(EventType::name, t -> t));
    }

    @Override
    protected void wake() {
        consumer.wakeup();
    }

    @Override
    public void run() {
        Set<String> topics =
                handledTypes.values().stream().map(EventType::topic).collect(Collectors.toSet());
        try {
            consumer.subscribe(topics);
            while (running()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    process(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running()) {
                LOG.errorf(e, "consumer %s woken unexpectedly", handler.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer %s stopped", handler.name());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        CloudEvent event;
        try {
            event = KafkaRecords.cloudEvent(record);
        } catch (RuntimeException e) {
            deadLetter(record, "not a CloudEvent: " + e.getMessage());
            return;
        }
        if (!handledTypes.containsKey(event.type())) {
            deadLetter(record, "unknown event type " + event.type());
            return;
        }
        handler.awaitCapacity();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                applyOnce(event);
                return;
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf("consumer %s: attempt %d for %s failed: %s", handler.name(), attempt, event, e.getMessage());
                TimeUnit.MILLISECONDS.sleep(settings.retryBackoff().toMillis() * attempt);
            }
        }
        LOG.warnf(
                "consumer %s gives up on %s after %d attempts: %s",
                handler.name(), event, settings.maxAttempts(), last.getMessage());
        deadLetter(record, String.valueOf(last));
    }

    private void applyOnce(CloudEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDelivery(
                            handler.name(), event.id())
                    .chain(first ->
                            first ? handler.apply(event) : Uni.createFrom().voidItem())));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> dead =
                new ProducerRecord<>(Topics.deadLetterOf(record.topic()), record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers().add(new RecordHeader(DLQ_REASON, truncate(reason).getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader(DLQ_CONSUMER, handler.name().getBytes(StandardCharsets.UTF_8)));
        dead.headers()
                .add(new RecordHeader(
                        DLQ_ORIGIN,
                        (record.topic() + "/" + record.partition() + "@" + record.offset())
                                .getBytes(StandardCharsets.UTF_8)));
        try {
            deadLetters.send(dead).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // not committing the offset would block the partition forever; the failure is logged loudly instead
            LOG.errorf(
                    e,
                    "consumer %s could not dead-letter %s/%d@%d (%s)",
                    handler.name(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason);
        }
    }

    private static String truncate(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }
}
