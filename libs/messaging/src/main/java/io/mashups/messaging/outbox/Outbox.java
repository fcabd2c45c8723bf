package io.mashups.messaging.outbox;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventData;
import io.mashups.events.EventType;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.ZoneOffset;

/**
 * Records events in the service's {@code outbox} table inside the caller's transaction, so an event exists if and
 * only if the state change that caused it was committed. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, event_key, event_type, source, event_time, payload, trace_parent) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    private final URI source;

    public Outbox(MessagingConfig config) {
        this.source = URI.create(config.source());
    }

    /**
     * Adds an event to the current transaction; fails when called outside one (an event must never outlive a rollback).
     * The current trace goes with it, so its consumers continue the trace that caused it.
     */
    public <T extends EventData> Uni<CloudEvent> add(EventType<T> type, String subject, T data) {
        CloudEvent event = CloudEvent.of(type, source, subject, data);
        String traceParent = TraceContext.current();
        return Panache.currentTransaction()
                .onItem()
                .ifNull()
                .failWith(
                        () -> new IllegalStateException("Outbox.add must run inside a transaction (@WithTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.id())
                        .setParameter(2, type.topic())
                        .setParameter(3, subject)
                        .setParameter(4, event.type())
                        .setParameter(5, event.source().toString())
                        .setParameter(6, event.time().atOffset(ZoneOffset.UTC))
                        .setParameter(7, event.data())
                        .setParameter(8, traceParent)
                        .executeUpdate())
                .replaceWith(event);
    }
}
