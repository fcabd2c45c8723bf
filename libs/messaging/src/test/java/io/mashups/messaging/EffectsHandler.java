package io.mashups.messaging;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** A consumer whose effect is a row per applied event, so double application would be visible. */
@ApplicationScoped
public class EffectsHandler implements EventHandler {
    @Override
    public String name() {
        return "effects";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.XP_AWARDED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var xp = event.dataAs(EventCatalog.XP_AWARDED);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO applied_effects VALUES (?1, ?2, ?3)")
                        .setParameter(1, event.id())
                        .setParameter(2, event.subject())
                        .setParameter(3, xp.amount())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
