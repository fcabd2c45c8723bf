package io.mashups.messaging;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * The test consumers' effect: a row per applied event (the table has no unique constraint, so double application
 * would be visible), with the transaction that wrote it.
 */
abstract class AppliedEffects implements EventHandler {
    /** The table this consumer's effects go to. */
    abstract String table();

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.XP_AWARDED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var xp = event.dataAs(EventCatalog.XP_AWARDED);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO " + table() + " VALUES (?1, ?2, ?3, txid_current())")
                        .setParameter(1, event.id())
                        .setParameter(2, event.subject())
                        .setParameter(3, xp.amount())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
