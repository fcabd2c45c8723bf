package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.mashups.testing.StripeSignatures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user subscribes: Stripe's signed webhooks reach billing through the gateway and the user becomes pro. */
@ExtendWith(Fleet.class)
class BillingFlowIT {
    /** The secret deploy/local/fleet.sh gives billing for local webhooks. */
    private static final String WEBHOOK_SECRET = "whsec_mashups_local_development";

    @Test
    void newUserIsFreeAndSignedStripeEventsMakeThemPro() {
        String user = "system-" + UUID.randomUUID();
        String token = FrontendSessionIT.devToken(user, "");
        given().auth().oauth2(token).get("/api/billing/subscription")
                .then().statusCode(200).body("tier", equalTo("free")).body("features.aiGenerationsPerMonth", equalTo(0));

        long now = Instant.now().getEpochSecond();
        deliver(event("checkout.session.completed", now, """
                {"id": "cs_%1$s", "object": "checkout.session", "mode": "subscription", "status": "complete",
                 "client_reference_id": "%1$s", "customer": "cus_%1$s", "subscription": "sub_%1$s"}""".formatted(user)));
        deliver(event("customer.subscription.created", now + 1, """
                {"id": "sub_%1$s", "object": "subscription", "customer": "cus_%1$s", "status": "active",
                 "cancel_at_period_end": false, "metadata": {"user_id": "%1$s"},
                 "items": {"object": "list", "data": [{"id": "si_%1$s", "object": "subscription_item",
                   "current_period_start": %2$d, "current_period_end": %3$d,
                   "price": {"id": "price_pro_month", "object": "price", "recurring": {"interval": "month"}}}]}}"""
                .formatted(user, now, now + 2_592_000)));

        given().auth().oauth2(token).get("/api/billing/subscription")
                .then().statusCode(200).body("tier", equalTo("pro")).body("status", equalTo("active"))
                .body("features.aiGenerationsPerMonth", equalTo(20)).body("features.collaboration", equalTo(true));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaTopics.keyed("billing.entitlements", user).stream().anyMatch(v -> v.contains("\"tier\":\"PRO\"")));
        given().auth().oauth2(FrontendSessionIT.devToken("someone-else-" + UUID.randomUUID(), "")).get("/api/billing/subscription")
                .then().body("tier", equalTo("free"));
    }

    private static void deliver(String payload) {
        given().header("Stripe-Signature", StripeSignatures.sign(payload, WEBHOOK_SECRET))
                .contentType("application/json").body(payload).post("/api/webhooks/stripe").then().statusCode(200);
    }

    private static String event(String type, long created, String object) {
        return """
                {"id": "evt_%s", "object": "event", "created": %d, "type": "%s", "livemode": false,
                 "data": {"object": %s}}""".formatted(UUID.randomUUID().toString().replace("-", ""), created, type, object);
    }
}
