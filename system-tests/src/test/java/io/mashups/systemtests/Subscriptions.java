package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.testing.StripeSignatures;
import java.time.Instant;
import java.util.UUID;

/** Makes a user a subscriber the way Stripe does: signed webhooks to billing through the gateway. */
final class Subscriptions {
    /** The secret deploy/local/fleet.sh gives billing for local webhooks. */
    private static final String WEBHOOK_SECRET = "whsec_mashups_local_development";

    private Subscriptions() {}

    /** Checkout completed, then the subscription created with the given price (e.g. price_pro_month). */
    static void subscribe(String user, String price) {
        long now = Instant.now().getEpochSecond();
        deliver(event("checkout.session.completed", now, """
                {"id": "cs_%1$s", "object": "checkout.session", "mode": "subscription", "status": "complete",
                 "client_reference_id": "%1$s", "customer": "cus_%1$s", "subscription": "sub_%1$s"}""".formatted(user)));
        deliver(event("customer.subscription.created", now + 1, """
                {"id": "sub_%1$s", "object": "subscription", "customer": "cus_%1$s", "status": "active",
                 "cancel_at_period_end": false, "metadata": {"user_id": "%1$s"},
                 "items": {"object": "list", "data": [{"id": "si_%1$s", "object": "subscription_item",
                   "current_period_start": %2$d, "current_period_end": %3$d,
                   "price": {"id": "%4$s", "object": "price", "recurring": {"interval": "month"}}}]}}""".formatted(user, now, now + 2_592_000, price)));
    }

    private static void deliver(String payload) {
        assertEquals(200, send(payload));
    }

    /** Delivers a webhook as Stripe does, signed: billing's status. */
    static int send(String payload) {
        return given().header("Stripe-Signature", StripeSignatures.sign(payload, WEBHOOK_SECRET))
                .contentType("application/json")
                .body(payload)
                .post("/api/webhooks/stripe")
                .statusCode();
    }

    /** A paid invoice of the user's Stripe customer (as {@link #subscribe} names it). */
    static String invoicePaid(String user, String invoiceId) {
        long now = Instant.now().getEpochSecond();
        return event("invoice.paid", now, """
                {"id": "%2$s", "object": "invoice", "customer": "cus_%1$s", "status": "paid", "currency": "usd",
                 "amount_due": 900, "amount_paid": 900, "created": %3$d}""".formatted(user, invoiceId, now));
    }

    private static String event(String type, long created, String object) {
        return """
                {"id": "evt_%s", "object": "event", "created": %d, "type": "%s", "livemode": false,
                 "data": {"object": %s}}""".formatted(UUID.randomUUID().toString().replace("-", ""), created, type, object);
    }
}
