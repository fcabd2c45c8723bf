package io.mashups.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Tier;
import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.StripeSignatures;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(StripeFake.class)
class WebhookTest {
    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    static void deliver(String payload) {
        given().header("Stripe-Signature", StripeEvents.sign(payload))
                .contentType("application/json")
                .body(payload)
                .post("/api/webhooks/stripe")
                .then()
                .statusCode(200)
                .body("received", equalTo(true));
    }

    @Test
    void subscriptionCreatedMakesTheUserProAndPublishesEntitlements() {
        long start = System.currentTimeMillis();
        String user = "pro-" + UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("tier", equalTo("free"))
                .body("limits.aiGenerationsPerMonth", equalTo(0))
                // the seed plan's features[]: a list the page maps over, in the tier table's order
                .body(
                        "features.key",
                        contains(
                                "mashupsPerMonth",
                                "aiGenerationsPerMonth",
                                "stemExports",
                                "collaboration",
                                "analyticsRetentionDays",
                                "support"))
                .body("features.find { it.key == 'mashupsPerMonth' }.limit", equalTo(3))
                .body("features.find { it.key == 'analyticsRetentionDays' }.text", equalTo("7 days"))
                .body("features.find { it.key == 'stemExports' }.text", equalTo("No"));

        deliver(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, user, "cus_" + user));
        deliver(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.created",
                101,
                user,
                "cus_" + user,
                "price_pro_month",
                "active",
                false,
                true));

        given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("tier", equalTo("pro"))
                .body("status", equalTo("active"))
                .body("interval", equalTo("month"))
                .body("limits.aiGenerationsPerMonth", equalTo(20))
                .body("limits.mashupsPerMonth", nullValue())
                .body("limits.collaboration", equalTo(true))
                .body("features.find { it.key == 'mashupsPerMonth' }.text", equalTo("Unlimited"))
                .body("features.find { it.key == 'aiGenerationsPerMonth' }.limit", equalTo(20))
                .body("features.find { it.key == 'support' }.text", equalTo("Email"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !EntitlementsTopic.since(start, Set.of(user)).isEmpty());
        List<EntitlementsV1> published = EntitlementsTopic.since(start, Set.of(user));
        assertEquals(1, published.size());
        assertEquals(Tier.PRO, published.get(0).tier());
        assertEquals(1, published.get(0).revision());
    }

    @Test
    void entitlementsTopicIsCompacted() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", io.mashups.testing.LocalInfra.kafkaBootstrap());
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var topic = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                    io.mashups.events.Topics.BILLING_ENTITLEMENTS);
            String policy = admin.describeConfigs(List.of(topic))
                    .all()
                    .get()
                    .get(topic)
                    .get("cleanup.policy")
                    .value();
            assertEquals("compact", policy);
        }
    }

    @Test
    void badSignaturesAreRejectedAndNothingIsWritten() throws Exception {
        String user = "forged-" + UUID.randomUUID();
        String eventId = StripeEvents.newId();
        String payload = StripeEvents.subscription(
                eventId,
                "customer.subscription.created",
                100,
                user,
                "cus_x",
                "price_studio_year",
                "active",
                false,
                true);
        long now = Instant.now().getEpochSecond();

        post(payload, null).then().statusCode(400).contentType("application/problem+json");
        post(payload, "t=" + now + ",v1=" + "0".repeat(64))
                .then()
                .statusCode(400)
                .body("type", equalTo("https://mashups.io/problems/invalid-signature"));
        post(payload, StripeSignatures.sign(payload, now, "whsec_someone_else"))
                .then()
                .statusCode(400);
        post(payload, StripeSignatures.sign(payload, now - 3600, StripeFake.WEBHOOK_SECRET))
                .then()
                .statusCode(400);
        post(payload.replace("price_studio_year", "price_pro_month"), StripeEvents.sign(payload))
                .then()
                .statusCode(400);
        String notAnEvent = "{not json";
        post(notAnEvent, StripeEvents.sign(notAnEvent)).then().statusCode(400).contentType("application/problem+json");
        // signed, but no event: without an id or a type, or with a NUL in its id (each was a 500)
        for (String odd : List.of(
                "{\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}",
                "{\"id\":\"evt_no_type\",\"object\":\"event\",\"data\":{\"object\":{}}}",
                "{\"id\":\"evt_\\u0000\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}")) {
            post(odd, StripeEvents.sign(odd)).then().statusCode(400).contentType("application/problem+json");
        }

        assertEquals(
                0,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM webhook_events WHERE event_id = '" + eventId + "'"));
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/billing/subscription")
                .then()
                .body("tier", equalTo("free"));
    }

    @Test
    void sameEventDeliveredTwiceConcurrentlyIsAppliedOnce() throws Exception {
        long start = System.currentTimeMillis();
        String user = "twice-" + UUID.randomUUID();
        String payload = StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.created",
                100,
                user,
                "cus_" + user,
                "price_studio_month",
                "active",
                false,
                true);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> deliver(payload));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> deliver(payload));
        CompletableFuture.allOf(first, second).join();

        assertEquals(
                1,
                MashupsTestEnvironment.count(
                        schema, "SELECT entitlements_revision FROM subscriptions WHERE user_id = '" + user + "'"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM outbox WHERE event_key = '" + user + "'")
                        == 0);
        assertEquals(1, EntitlementsTopic.since(start, Set.of(user)).size());
    }

    @Test
    void eventsOfOneNewSubscriptionDeliveredConcurrentlyAreEachAppliedAtTheirFirstAttempt() throws Exception {
        List<String> users = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String user = "pair-" + UUID.randomUUID();
            users.add(user);
            String created = StripeEvents.newId();
            String updated = StripeEvents.newId();
            eventIds.add(created);
            eventIds.add(updated);
            String first = StripeEvents.subscription(
                    created,
                    "customer.subscription.created",
                    100,
                    user,
                    "cus_" + user,
                    "price_pro_month",
                    "active",
                    false,
                    true);
            String second = StripeEvents.subscription(
                    updated,
                    "customer.subscription.updated",
                    200,
                    user,
                    "cus_" + user,
                    "price_pro_month",
                    "active",
                    true,
                    true);
            deliveries.add(CompletableFuture.runAsync(() -> deliver(first)));
            deliveries.add(CompletableFuture.runAsync(() -> deliver(second)));
        }
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();

        String ids = eventIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        assertEquals(
                20,
                MashupsTestEnvironment.count(
                        schema,
                        "SELECT count(*) FROM webhook_events WHERE event_id IN (" + ids
                                + ") AND processed_at IS NOT NULL AND attempts = 1 AND last_error IS NULL"),
                "events applied at once");
        for (String user : users) {
            given().auth()
                    .oauth2(TestTokens.forUser(user))
                    .get("/api/billing/subscription")
                    .then()
                    .body("tier", equalTo("pro"))
                    .body("cancelAtPeriodEnd", equalTo(true));
        }
    }

    @Test
    void olderEventNeverOverwritesNewerState() {
        String user = "order-" + UUID.randomUUID();
        deliver(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.deleted",
                300,
                user,
                "cus_" + user,
                "price_pro_month",
                "canceled",
                false,
                true));
        deliver(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.updated",
                200,
                user,
                "cus_" + user,
                "price_pro_month",
                "active",
                true,
                true));
        deliver(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.created",
                100,
                user,
                "cus_" + user,
                "price_pro_month",
                "active",
                false,
                true));

        given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/billing/subscription")
                .then()
                .body("tier", equalTo("free"))
                .body("status", equalTo("canceled"));
    }

    @Test
    void subscriptionSeenLongBeforeItsCustomerIsAppliedOnceTheCustomerIsKnown() throws Exception {
        String user = "late-" + UUID.randomUUID();
        String subscription = StripeEvents.newId();
        deliver(StripeEvents.subscription(
                subscription,
                "customer.subscription.created",
                101,
                user,
                "cus_" + user,
                "price_pro_year",
                "active",
                false,
                false));
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .get("/api/billing/subscription")
                .then()
                .body("tier", equalTo("free"));

        // longer than max-attempts retry intervals (10 x 1 s here): attempts back off instead of running out
        Thread.sleep(12_000);
        long attempts = MashupsTestEnvironment.count(
                schema,
                "SELECT attempts FROM webhook_events WHERE event_id = '" + subscription + "' AND processed_at IS NULL");
        assertTrue(attempts >= 2 && attempts <= 5, "a few attempts, spaced out: " + attempts);
        deliver(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, user, "cus_" + user));

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forUser(user))
                        .get("/api/billing/subscription")
                        .then()
                        .body("tier", equalTo("pro"))
                        .body("interval", equalTo("year")));
    }

    @Test
    void invoicesAreListedNewestFirstAndOnlyToTheirOwner() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        deliver(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, alice, "cus_" + alice));
        deliver(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, bob, "cus_" + bob));
        for (int i = 1; i <= 3; i++) {
            deliver(StripeEvents.invoice(
                    StripeEvents.newId(),
                    "invoice.paid",
                    1000 + i,
                    "in_" + alice + "_" + i,
                    "cus_" + alice,
                    999,
                    "paid"));
        }
        deliver(StripeEvents.invoice(
                StripeEvents.newId(), "invoice.payment_failed", 1000, "in_" + bob, "cus_" + bob, 2999, "open"));

        given().auth()
                .oauth2(TestTokens.forUser(alice))
                .queryParam("size", 2)
                .get("/api/billing/invoices")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo("in_" + alice + "_3"))
                .body("items[0].amountPaid", equalTo(999));
        given().auth()
                .oauth2(TestTokens.forUser(bob))
                .get("/api/billing/invoices")
                .then()
                .body("total", equalTo(1))
                .body("items[0].id", equalTo("in_" + bob))
                .body("items[0].status", equalTo("open"));
        given().auth()
                .oauth2(TestTokens.forUser(bob))
                .queryParam("size", 0)
                .get("/api/billing/invoices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser(bob))
                .queryParam("page", Integer.MAX_VALUE)
                .get("/api/billing/invoices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forUser(bob))
                .queryParam("page", "abc")
                .get("/api/billing/invoices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/billing/invoices").then().statusCode(401);
    }

    private static io.restassured.response.Response post(String payload, String signature) {
        var request = given().contentType("application/json").body(payload);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.post("/api/webhooks/stripe");
    }
}
