package io.mashups.billing.subscription;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/billing/subscription")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
    private final CurrentUser user;
    private final SubscriptionService subscriptions;

    public SubscriptionResource(CurrentUser user, SubscriptionService subscriptions) {
        this.user = user;
        this.subscriptions = subscriptions;
    }

    @GET
    @Operation(summary = "The caller's plan, status and features")
    public Uni<SubscriptionView> current() {
        return subscriptions.current(user.id());
    }
}
