package io.mashups.messaging.entitlements;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keeps {@link Entitlements} up to date from billing; on only in services that enforce tier limits. */
@ApplicationScoped
public class EntitlementsProjection implements EventHandler {
    private final Entitlements entitlements;
    private final boolean enabled;

    public EntitlementsProjection(
            Entitlements entitlements,
            @ConfigProperty(name = "mashups.entitlements.projection.enabled", defaultValue = "false") boolean enabled) {
        this.entitlements = entitlements;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "entitlements-projection";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.ENTITLEMENTS);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        return entitlements.apply(event.dataAs(EventCatalog.ENTITLEMENTS));
    }

    @Override
    public boolean enabled() {
        return enabled;
    }
}
