package io.mashups.messaging.inbox;

import io.mashups.events.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Remembers which events a consumer has applied. Called in the same transaction as the consumer's effect: a
 * redelivered event finds its id and changes nothing; two concurrent deliveries of one event serialize on the
 * primary key, and the second sees it as already applied.
 */
@ApplicationScoped
public class Inbox {
    private static final String RECORD =
            "INSERT INTO inbox (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

    private static final String RECORD_ALL = "INSERT INTO inbox (consumer, event_id) SELECT ?1, ids.id FROM "
            + "json_array_elements_text(cast(cast(?2 AS text) AS json)) AS ids (id) ON CONFLICT DO NOTHING RETURNING event_id";

    /** The ids this consumer sees for the first time (within the current transaction), in one statement. */
    public Uni<Set<String>> firstDeliveries(String consumer, List<String> eventIds) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_ALL, String.class)
                        .setParameter(1, consumer)
                        .setParameter(2, EventJson.writeString(eventIds))
                        .getResultList())
                .map(Set::copyOf);
    }

    /** True the first time this consumer sees this event id (within the current transaction). */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
