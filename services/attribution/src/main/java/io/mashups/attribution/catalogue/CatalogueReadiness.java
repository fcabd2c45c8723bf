package io.mashups.attribution.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the reference index has been rebuilt: a match against half a catalogue would miss sources. */
@Readiness
@ApplicationScoped
public class CatalogueReadiness implements HealthCheck {
    private final CatalogueIndex index;

    public CatalogueReadiness(CatalogueIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reference-index")
                .status(index.caughtUp())
                .withData("tracks", index.index().tracks())
                .withData("appliedChange", index.appliedChange())
                .build();
    }
}
