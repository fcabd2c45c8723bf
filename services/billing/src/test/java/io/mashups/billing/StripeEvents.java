package io.mashups.billing;

import com.stripe.Stripe;
import io.mashups.testing.StripeSignatures;
import java.util.UUID;

/** Stripe webhook events as Stripe sends them: its documented JSON, signed t=...,v1=HMAC-SHA256 with the endpoint secret. */
public final class StripeEvents {
    public static final long PERIOD_START = 1_764_000_000L;
    public static final long PERIOD_END = PERIOD_START + 30L * 24 * 3600;

    public static String subscription(
            String eventId,
            String type,
            long created,
            String userId,
            String customer,
            String price,
            String status,
            boolean cancelAtPeriodEnd,
            boolean withUserMetadata) {
        String metadata = withUserMetadata ? "{\"user_id\": \"" + userId + "\"}" : "{}";
        return event(eventId, type, created, """
                {"id": "sub_%s", "object": "subscription", "customer": "%s", "status": "%s", "cancel_at_period_end": %s,
                 "created": %d, "livemode": false, "metadata": %s,
                 "items": {"object": "list", "has_more": false, "url": "/v1/subscription_items?subscription=sub_%s", "data": [
                   {"id": "si_%s", "object": "subscription_item", "quantity": 1, "created": %d,
                    "current_period_start": %d, "current_period_end": %d,
                    "price": {"id": "%s", "object": "price", "active": true, "currency": "usd", "type": "recurring",
                              "unit_amount": 999, "recurring": {"interval": "month", "interval_count": 1}}}]}}""".formatted(
                        userId,
                        customer,
                        status,
                        cancelAtPeriodEnd,
                        created,
                        metadata,
                        userId,
                        userId,
                        created,
                        PERIOD_START,
                        PERIOD_END,
                        price));
    }

    public static String checkoutCompleted(String eventId, long created, String userId, String customer) {
        return event(eventId, "checkout.session.completed", created, """
                {"id": "cs_%s", "object": "checkout.session", "mode": "subscription", "status": "complete",
                 "client_reference_id": "%s", "customer": "%s", "subscription": "sub_%s", "livemode": false}""".formatted(userId, userId, customer, userId));
    }

    public static String invoice(
            String eventId, String type, long created, String invoiceId, String customer, long amount, String status) {
        return event(eventId, type, created, """
                {"id": "%s", "object": "invoice", "customer": "%s", "amount_due": %d, "amount_paid": %d, "currency": "usd",
                 "status": "%s", "created": %d, "livemode": false,
                 "hosted_invoice_url": "https://invoice.stripe.com/i/%s", "invoice_pdf": "https://pay.stripe.com/invoice/%s/pdf"}""".formatted(
                        invoiceId,
                        customer,
                        amount,
                        "paid".equals(status) ? amount : 0,
                        status,
                        created,
                        invoiceId,
                        invoiceId));
    }

    static String event(String eventId, String type, long created, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "type": "%s", "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
                 "data": {"object": %s}}""".formatted(eventId, Stripe.API_VERSION, created, type, object);
    }

    public static String newId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The Stripe-Signature header for this payload, signed now with the test endpoint secret. */
    public static String sign(String payload) {
        return StripeSignatures.sign(payload, StripeFake.WEBHOOK_SECRET);
    }

    private StripeEvents() {}
}
