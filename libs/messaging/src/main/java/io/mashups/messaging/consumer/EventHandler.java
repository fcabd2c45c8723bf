package io.mashups.messaging.consumer;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
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

    /**
     * The effect of a batch's events not applied before, in their order, in the transaction that records their ids:
     * one after another unless the handler has a cheaper way to apply them together with the same result.
     */
    default Uni<Void> applyAll(List<CloudEvent> events) {
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(this::apply)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
