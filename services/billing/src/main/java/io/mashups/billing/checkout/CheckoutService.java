package io.mashups.billing.checkout;

import io.mashups.billing.config.BillingConfig;
import io.mashups.billing.customer.Customer;
import io.mashups.billing.plan.Plan;
import io.mashups.billing.plan.Prices;
import io.mashups.billing.stripe.StripeGateway;
import io.mashups.billing.subscription.Entitled;
import io.mashups.billing.subscription.Subscription;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Starts paid subscriptions and opens the Customer Portal. Stripe is called outside any database transaction; the
 * user's Stripe customer is created once (an idempotency key per user makes concurrent first checkouts share it).
 */
@ApplicationScoped
public class CheckoutService {
    private final StripeGateway stripe;
    private final Prices prices;
    private final BillingConfig config;

    public CheckoutService(StripeGateway stripe, Prices prices, BillingConfig config) {
        this.stripe = stripe;
        this.prices = prices;
        this.config = config;
    }

    public Uni<RedirectView> checkout(String userId, Plan plan, String idempotencyKey) {
        if (!stripe.configured()) {
            return Uni.createFrom().failure(notConfigured());
        }
        return Panache.withSession(() -> Subscription.<Subscription>findById(userId))
                .invoke(existing -> {
                    if (Entitled.isPaid(existing)) {
                        throw new ProblemException(Problem.of(
                                        409,
                                        "already-subscribed",
                                        "Already subscribed",
                                        "You already have a " + existing.tier
                                                + " subscription; change it in the billing portal")
                                .with("portal", "/api/billing/portal"));
                    }
                })
                .chain(() -> customerOf(userId))
                .chain(customerId -> stripe.createCheckoutSession(
                        userId,
                        customerId,
                        prices.priceOf(plan),
                        config.successUrl(),
                        config.cancelUrl(),
                        "checkout-" + userId + "-" + plan.tier() + "-" + plan.interval() + "-" + idempotencyKey))
                .map(RedirectView::new);
    }

    public Uni<RedirectView> portal(String userId) {
        if (!stripe.configured()) {
            return Uni.createFrom().failure(notConfigured());
        }
        return Panache.withSession(() -> Customer.<Customer>findById(userId))
                .onItem()
                .ifNull()
                .failWith(() -> new ProblemException(Problem.of(
                                404,
                                "no-customer",
                                "No billing account",
                                "You have no billing account yet; subscribe first")
                        .with("checkout", "/api/billing/checkout")))
                .chain(customer -> stripe.createPortalSession(customer.stripeCustomerId, config.portalReturnUrl()))
                .map(RedirectView::new);
    }

    private Uni<String> customerOf(String userId) {
        return Panache.withSession(() -> Customer.<Customer>findById(userId))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(existing.stripeCustomerId)
                        : stripe.createCustomer(userId, "customer-" + userId)
                                .chain(created -> remember(userId, created)));
    }

    /** Stores the customer; a concurrent first checkout got the same customer from Stripe and may have stored it first. */
    private Uni<String> remember(String userId, String stripeCustomerId) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "INSERT INTO customers (user_id, stripe_customer_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO NOTHING")
                                .setParameter(1, userId)
                                .setParameter(2, stripeCustomerId)
                                .setParameter(3, OffsetDateTime.now())
                                .executeUpdate()))
                .replaceWith(stripeCustomerId);
    }

    private static ProblemException notConfigured() {
        return new ProblemException(Problem.of(
                503,
                "billing-not-configured",
                "Billing not configured",
                "Payments are not set up on this installation"));
    }
}
