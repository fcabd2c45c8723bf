package io.mashups.messaging.consumer;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * A consumer of events. Implement it as an {@code @ApplicationScoped} bean: {@link EventConsumers} subscribes it to
 * the topics of its event types, calls {@link #apply} inside a transaction only for events it has not applied
 * before, and sends events it cannot apply (after retries) or does not know to the topic's dead-letter topic.
 * Implementations keep no mutable state: everything lives in the database.
 */
public interface EventHandler {
    /** Stable name: the inbox key and the consumer group suffix. Renaming it replays the topics. */
    String name();

    Set<EventType<?>> eventTypes();

    /** The effect of one event; runs in the transaction that records the event id. */
    Uni<Void> apply(CloudEvent event);

    default boolean enabled() {
        return true;
    }

    /**
     * Called on the consumer's own thread before each event, outside any transaction. A handler that starts work of
     * limited capacity blocks here while it is full, so the backlog stays in Kafka as consumer lag, where other
     * consumers of the group (and an autoscaler) see it. Must return well within the consumer's
     * {@code max.poll.interval.ms} (5 minutes) times {@link #maxPollRecords()}.
     */
    default void awaitCapacity() throws InterruptedException {}

    /** Events fetched per poll; a handler that waits for capacity takes them one at a time. */
    default int maxPollRecords() {
        return 200;
    }
}
