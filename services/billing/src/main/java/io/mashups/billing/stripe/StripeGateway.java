package io.mashups.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import io.mashups.billing.config.BillingConfig;
import io.mashups.web.ProblemException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Stripe's API through stripe-java. Calls are blocking HTTP, so each runs on a worker thread and resumes on the
 * caller's context; every write carries an idempotency key. Without an API key it answers 503 "billing not configured".
 */
@ApplicationScoped
public class StripeGateway {
    private static final Logger LOG = Logger.getLogger(StripeGateway.class);
    private final Optional<StripeClient> client;

    public StripeGateway(BillingConfig config) {
        this.client = config.stripe().apiKey().filter(key -> !key.isBlank()).map(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(key)
                    .setMaxNetworkRetries(2)
                    .setConnectTimeout(5_000)
                    .setReadTimeout(20_000);
            config.stripe().apiBase().ifPresent(builder::setApiBase);
            return builder.build();
        });
    }

    public boolean configured() {
        return client.isPresent();
    }

    public Uni<String> createCustomer(String userId, String idempotencyKey) {
        return call(stripe -> stripe.v1()
                .customers()
                .create(
                        CustomerCreateParams.builder()
                                .putMetadata("user_id", userId)
                                .setDescription("Mashups user " + userId)
                                .build(),
                        RequestOptions.builder()
                                .setIdempotencyKey(idempotencyKey)
                                .build())
                .getId());
    }

    /** A Checkout Session in subscription mode for one price; returns its URL. */
    public Uni<String> createCheckoutSession(
            String userId,
            String customerId,
            String priceId,
            String successUrl,
            String cancelUrl,
            String idempotencyKey) {
        var params = com.stripe.param.checkout.SessionCreateParams.builder()
                .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(userId)
                .addLineItem(com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
                        .setPrice(priceId)
                        .setQuantity(1L)
                        .build())
                .setSubscriptionData(com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("user_id", userId)
                        .build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .build();
        return call(stripe -> {
            Session session = stripe.v1()
                    .checkout()
                    .sessions()
                    .create(
                            params,
                            RequestOptions.builder()
                                    .setIdempotencyKey(idempotencyKey)
                                    .build());
            return session.getUrl();
        });
    }

    public Uni<String> createPortalSession(String customerId, String returnUrl) {
        return call(stripe -> stripe.v1()
                .billingPortal()
                .sessions()
                .create(SessionCreateParams.builder()
                        .setCustomer(customerId)
                        .setReturnUrl(returnUrl)
                        .build())
                .getUrl());
    }

    private <T> Uni<T> call(StripeCall<T> work) {
        if (client.isEmpty()) {
            return Uni.createFrom()
                    .failure(ProblemException.unavailable("Billing is not configured on this installation"));
        }
        StripeClient stripe = client.get();
        return VertxContextSupport.executeBlocking(() -> {
            try {
                return work.apply(stripe);
            } catch (StripeException e) {
                LOG.warnf(
                        "Stripe refused a request (%s, request %s): %s", e.getCode(), e.getRequestId(), e.getMessage());
                throw new ProblemException(io.mashups.web.Problem.of(
                        502,
                        "payment-provider",
                        "Payment provider error",
                        "Stripe could not complete the request; try again"));
            }
        });
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T apply(StripeClient stripe) throws StripeException;
    }
}
