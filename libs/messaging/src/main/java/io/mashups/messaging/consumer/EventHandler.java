package io.mashups.messaging.consumer;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * A consumer of events, as an {@code @ApplicationScoped} bean with a SmallRye Reactive Messaging channel named
 * {@link #name()}: its {@code @Incoming(name)} method hands each record (or batch) to {@link EventDelivery}, which
 * calls {@link #apply} inside a transaction only for events not applied before, retries, and dead-letters what it
 * cannot apply or does not know. The channel's {@code mp.messaging.incoming.<name>.*} configuration subscribes it to
 * the topics of {@link #eventTypes()} with group {@code <group-prefix>.<name>} (checked at start). Implementations
 * keep no mutable state: everything lives in the database.
 */
public interface EventHandler {
    /** Stable name: the channel, the inbox key and the consumer group suffix. Renaming it replays the topics. */
    String name();

    Set<EventType<?>> eventTypes();

    /** The effect of one event; runs in the transaction that records the event id. */
    Uni<Void> apply(CloudEvent event);
}
