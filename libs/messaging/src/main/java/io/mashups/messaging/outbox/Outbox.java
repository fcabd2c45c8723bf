package io.mashups.messaging.outbox;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventData;
import io.mashups.events.EventJson;
import io.mashups.events.EventType;
import io.mashups.messaging.MessagingConfig;
import io.mashups.messaging.TraceContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Records events in the service's {@code outbox} table inside the caller's transaction, so an event exists if and
 * only if the state change that caused it was committed. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, event_key, event_type, source, event_time, payload, trace_parent) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    /** Many events in one statement, in their order (their ids, and so the relay's order, follow it). */
    private static final String INSERT_ALL = """
            INSERT INTO outbox (event_id, topic, event_key, event_type, source, event_time, payload, trace_parent)
            SELECT e.id, ?2, e.subject, ?3, ?4, e.time, convert_to(e.data, 'UTF8'), ?5
            FROM json_to_recordset(cast(cast(?1 AS text) AS json))
                AS e (position int, id text, subject text, time timestamptz, data text)
            ORDER BY e.position""";

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
        return inTransaction()
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

    /** {@link #add} for several events of one type, in one statement; each event's subject from its data. */
    public <T extends EventData> Uni<List<CloudEvent>> addAll(
            EventType<T> type, Function<T, String> subject, List<T> data) {
        if (data.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<CloudEvent> events = data.stream()
                .map(item -> CloudEvent.of(type, source, subject.apply(item), item))
                .toList();
        List<Row> rows = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            rows.add(new Row(rows.size(), event.id(), event.subject(), event.time(), event.dataAsString()));
        }
        String traceParent = TraceContext.current();
        return inTransaction()
                .chain(session -> session.createNativeQuery(INSERT_ALL)
                        .setParameter(1, EventJson.writeString(rows))
                        .setParameter(2, type.topic())
                        .setParameter(3, type.name())
                        .setParameter(4, source.toString())
                        .setParameter(5, traceParent)
                        .executeUpdate())
                .replaceWith(events);
    }

    /** An event as {@link #INSERT_ALL} reads it. */
    private record Row(int position, String id, String subject, Instant time, String data) {}

    /** The current session, which must be in a transaction (an event must never outlive a rollback). */
    private static Uni<Mutiny.Session> inTransaction() {
        return Panache.currentTransaction()
                .onItem()
                .ifNull()
                .failWith(
                        () -> new IllegalStateException("Outbox.add must run inside a transaction (@WithTransaction)"))
                .chain(tx -> Panache.getSession());
    }
}
