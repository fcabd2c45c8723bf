package io.mashups.messaging.consumer;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.mashups.events.Topics;
import io.mashups.messaging.KafkaRecords;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.inbox.Inbox;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Applies what a handler's channel receives exactly once: each event's id goes into the inbox in the transaction of
 * its effect, a failed attempt is retried (each in a transaction of its own, backing off), and an event that still
 * fails, is not a CloudEvent or is of a type the handler does not know goes to its topic's dead-letter topic with
 * the reason and the consumer in headers. SmallRye's dead-letter strategy sends it (the channel's
 * {@code failure-strategy}); the record is acknowledged, and its offset committed, only after that.
 */
@ApplicationScoped
public class EventDelivery {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class);
    static final String DLQ_REASON = "dlq-reason";
    static final String DLQ_CONSUMER = "dlq-consumer";

    private final Inbox inbox;
    private final MessagingConfig.Consumer settings;

    public EventDelivery(Inbox inbox, MessagingConfig config) {
        this.inbox = inbox;
        this.settings = config.consumer();
    }

    /** One record: applied once, or dead-lettered after the last attempt. */
    public Uni<Void> apply(EventHandler handler, KafkaRecord<String, byte[]> record) {
        return apply(handler, record, record::runOnMessageContext);
    }

    private Uni<Void> apply(EventHandler handler, KafkaRecord<String, byte[]> record, Executor messageContext) {
        CloudEvent event;
        try {
            event = known(handler, record);
        } catch (IllegalArgumentException unreadable) {
            return deadLetter(handler, record, unreadable);
        }
        Context trace = record.getMetadata(TracingMetadata.class)
                .map(TracingMetadata::getCurrentContext)
                .orElse(null);
        return retried(messageContext, () -> traced(trace, () -> applyOnce(handler, List.of(event))))
                .replaceWith(true)
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.warnf(
                            "consumer %s gives up on %s after %d attempts: %s",
                            handler.name(), event, settings.maxAttempts(), failure.getMessage());
                    return deadLetter(handler, record, failure).replaceWith(false);
                })
                // acknowledged only once applied; a dead letter is acknowledged by its sending
                .chain(applied -> applied
                        ? Uni.createFrom().completionStage(record::ack)
                        : Uni.createFrom().voidItem());
    }

    /**
     * A batch from a channel with {@code batch=true}: all its events in one transaction, for topics where a
     * transaction per event would cost too much. A batch that still fails is taken apart and its records applied one
     * by one, so only the events that fail on their own are dead-lettered.
     */
    public Uni<Void> applyAll(EventHandler handler, KafkaRecordBatch<String, byte[]> batch) {
        List<CloudEvent> events = new ArrayList<>();
        try {
            for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
                events.add(known(handler, record));
            }
        } catch (IllegalArgumentException unreadable) {
            return oneByOne(handler, batch);
        }
        return retried(batch::runOnMessageContext, () -> applyOnce(handler, events))
                .replaceWith(true)
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.infof(
                            "consumer %s: batch of %d failed (%s), applying its events one by one",
                            handler.name(), events.size(), failure.getMessage());
                    return oneByOne(handler, batch).replaceWith(false);
                })
                .chain(applied -> applied
                        ? Uni.createFrom().completionStage(batch::ack)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> oneByOne(EventHandler handler, KafkaRecordBatch<String, byte[]> batch) {
        return Multi.createFrom()
                .iterable(batch.getRecords())
                .onItem()
                .transformToUniAndConcatenate(record -> apply(handler, record, batch::runOnMessageContext))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static CloudEvent known(EventHandler handler, KafkaRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaRecords.cloudEvent(record.getHeaders(), record.getPayload());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
        }
        if (handler.eventTypes().stream().noneMatch(event::is)) {
            throw new IllegalArgumentException("unknown event type " + event.type());
        }
        return event;
    }

    /** Runs an attempt in the trace SmallRye continued from the record's traceparent header, if there is one. */
    private static Uni<Void> traced(Context trace, Supplier<Uni<Void>> attempt) {
        if (trace == null) {
            return attempt.get();
        }
        Scope scope = trace.makeCurrent();
        return attempt.get().eventually(scope::close);
    }

    /** Each attempt subscribes on the record's Vert.x context, where Hibernate Reactive's session lives. */
    private Uni<Void> retried(Executor messageContext, Supplier<Uni<Void>> attempt) {
        Uni<Void> once = Uni.createFrom().deferred(attempt::get).runSubscriptionOn(messageContext);
        if (settings.maxAttempts() <= 1) {
            return once;
        }
        return once.onFailure().retry().withBackOff(settings.retryBackoff()).atMost(settings.maxAttempts() - 1L);
    }

    private Uni<Void> applyOnce(EventHandler handler, List<CloudEvent> events) {
        if (events.size() == 1) {
            CloudEvent event = events.get(0);
            return Panache.withTransaction(() -> inbox.firstDelivery(handler.name(), event.id())
                    .chain(first ->
                            first ? handler.apply(event) : Uni.createFrom().voidItem()));
        }
        // a batch: its ids recorded in one statement, the new events applied together (a repeated id counts once)
        return Panache.withTransaction(() -> inbox.firstDeliveries(
                        handler.name(),
                        events.stream().map(CloudEvent::id).distinct().toList())
                .chain(fresh -> {
                    Set<String> pending = new HashSet<>(fresh);
                    List<CloudEvent> news = events.stream()
                            .filter(event -> pending.remove(event.id()))
                            .toList();
                    return news.isEmpty() ? Uni.createFrom().voidItem() : handler.applyAll(news);
                }));
    }

    private static Uni<Void> deadLetter(EventHandler handler, KafkaRecord<String, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DLQ_REASON, truncate(String.valueOf(reason)).getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_CONSUMER, handler.name().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> deadLetter = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetterOf(record.getTopic()))
                .withHeaders(headers)
                .build();
        return Uni.createFrom()
                .completionStage(() -> record.nack(reason, Metadata.of(deadLetter)))
                .onFailure()
                .recoverWithUni(failure -> {
                    // leaving the record unacknowledged would hold the partition's offset forever; logged loudly
                    LOG.errorf(
                            failure,
                            "consumer %s could not dead-letter a record of %s (%s)",
                            handler.name(),
                            record.getTopic(),
                            reason);
                    return Uni.createFrom().completionStage(record::ack);
                });
    }

    private static String truncate(String reason) {
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /** A channel subscribed to other topics than its handler's event types would silently miss events. */
    void checkSubscriptions(@Observes StartupEvent started, Instance<EventHandler> handlers, Config config) {
        for (EventHandler handler : handlers) {
            String prefix = "mp.messaging.incoming." + handler.name() + ".";
            if (!config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true)) {
                continue;
            }
            Set<String> expected =
                    handler.eventTypes().stream().map(EventType::topic).collect(Collectors.toCollection(TreeSet::new));
            Set<String> configured = new TreeSet<>(config.getOptionalValues(prefix + "topics", String.class)
                    .or(() -> config.getOptionalValues(prefix + "topic", String.class))
                    .orElse(List.of()));
            if (!expected.equals(configured)) {
                throw new IllegalStateException("channel " + handler.name() + " is subscribed to " + configured
                        + " but its handler reads " + expected + ": set " + prefix + "topics");
            }
        }
    }
}
