package io.mashups.billing.webhook;

import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Stripe's webhook endpoint: public (no JWT); the Stripe-Signature header is the authentication. */
@Path("/api/webhooks/stripe")
public class WebhookResource {
    private static final int MAX_BYTES = 512 * 1024;
    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Stripe webhook",
            description = "Verifies Stripe-Signature against the raw body, records the event, applies it once")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(
            responseCode = "400",
            description = "Missing or invalid signature, or not a Stripe event; nothing was written")
    public Uni<Map<String, Boolean>> receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        if (payload == null || payload.isEmpty()) {
            throw new ProblemException(Problem.of(400, "malformed-body", "Malformed webhook", "The body is empty"));
        }
        if (payload.length() > MAX_BYTES) {
            throw new ProblemException(
                    Problem.of(413, "too-large", "Payload too large", "Webhook bodies are at most 512 KiB"));
        }
        return webhooks.receive(payload, signature).replaceWith(Map.of("received", true));
    }
}
