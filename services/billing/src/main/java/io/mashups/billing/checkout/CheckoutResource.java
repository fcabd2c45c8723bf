package io.mashups.billing.checkout;

import io.mashups.billing.plan.Plan;
import io.mashups.billing.plan.Prices;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/billing")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {
    private final CurrentUser user;
    private final CheckoutService checkout;
    private final Prices prices;

    public CheckoutResource(CurrentUser user, CheckoutService checkout, Prices prices) {
        this.user = user;
        this.checkout = checkout;
        this.prices = prices;
    }

    @POST
    @Path("/checkout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a Stripe Checkout for a paid plan",
            description = "Returns the Checkout page to redirect to. "
                    + "Send an Idempotency-Key header to make retries of the same click return the same session.")
    @APIResponse(responseCode = "200", description = "Checkout page URL")
    @APIResponse(responseCode = "400", description = "Unknown tier, interval or price, or a tier the price is not of")
    @APIResponse(responseCode = "409", description = "Already on a paid plan: use the portal")
    @APIResponse(responseCode = "503", description = "Billing is not configured")
    public Uni<RedirectView> checkout(
            @Valid @NotNull(message = "a JSON body is required") CheckoutRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Plan plan = prices.requested(request.tier(), request.interval(), request.priceId());
        String given = idempotencyKey == null ? "" : idempotencyKey.replaceAll("[^A-Za-z0-9_-]", "");
        String key = given.isEmpty() ? UUID.randomUUID().toString() : given.substring(0, Math.min(100, given.length()));
        return checkout.checkout(user.id(), plan, key);
    }

    @POST
    @Path("/portal")
    @Operation(summary = "Open the Stripe Customer Portal to change or cancel the plan")
    @APIResponse(responseCode = "200", description = "Customer Portal URL")
    @APIResponse(responseCode = "404", description = "The caller has no billing account yet")
    public Uni<RedirectView> portal() {
        return checkout.portal(user.id());
    }
}
