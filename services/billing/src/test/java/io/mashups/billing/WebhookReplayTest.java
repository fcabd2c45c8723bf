package io.mashups.billing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.events.billing.EntitlementsV1;
import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Stripe delivers duplicates and out of order. 500 deliveries for 50 users (350 distinct events, 150 duplicates,
 * shuffled, 4 at a time) must end in exactly the state that in-order delivery of the same events gives to 50 other
 * users, row by row, with one entitlements update per change that took effect and none twice.
 */
@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(StripeFake.class)
class WebhookReplayTest {
    private static final int USERS = 50;

    @ConfigProperty(name = "mashups.db.schema")
    String schema;

    /** Seven events in a subscription's life; every third user's ends with a cancellation. */
    private static List<String> lifeOf(String user, int index) {
        String customer = "cus_" + user;
        List<String> events = new ArrayList<>();
        events.add(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, user, customer));
        events.add(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.created",
                101,
                user,
                customer,
                "price_pro_month",
                "active",
                false,
                true));
        events.add(
                StripeEvents.invoice(StripeEvents.newId(), "invoice.paid", 102, "in_1_" + user, customer, 999, "paid"));
        events.add(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.updated",
                103,
                user,
                customer,
                "price_studio_month",
                "active",
                false,
                true));
        events.add(StripeEvents.subscription(
                StripeEvents.newId(),
                "customer.subscription.updated",
                104,
                user,
                customer,
                "price_studio_month",
                "past_due",
                false,
                true));
        events.add(StripeEvents.invoice(
                StripeEvents.newId(), "invoice.payment_failed", 105, "in_2_" + user, customer, 2999, "open"));
        events.add(
                index % 3 == 0
                        ? StripeEvents.subscription(
                                StripeEvents.newId(),
                                "customer.subscription.deleted",
                                106,
                                user,
                                customer,
                                "price_studio_month",
                                "canceled",
                                false,
                                true)
                        : StripeEvents.subscription(
                                StripeEvents.newId(),
                                "customer.subscription.updated",
                                106,
                                user,
                                customer,
                                "price_studio_month",
                                "active",
                                true,
                                true));
        return events;
    }

    @Test
    void duplicatedShuffledDeliveriesEndInTheInOrderState() throws Exception {
        long start = System.currentTimeMillis();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> inOrderUsers = new ArrayList<>();
        List<String> replayUsers = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String ordered = "inorder-" + run + "-" + i;
            String shuffled = "replay-" + run + "-" + i;
            inOrderUsers.add(ordered);
            replayUsers.add(shuffled);
            lifeOf(ordered, i).forEach(WebhookTest::deliver);
            replayed.addAll(lifeOf(shuffled, i));
        }
        Random random = new Random(20261125);
        List<String> deliveries = new ArrayList<>(replayed);
        for (int i = 0; i < 150; i++) {
            deliveries.add(replayed.get(random.nextInt(replayed.size())));
        }
        Collections.shuffle(deliveries, random);
        assertEquals(500, deliveries.size());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        deliveries.forEach(payload -> pool.submit(() -> WebhookTest.deliver(payload)));
        pool.shutdown();
        assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> MashupsTestEnvironment.count(
                                schema, "SELECT count(*) FROM webhook_events WHERE processed_at IS NULL")
                        == 0);

        assertEquals(
                350,
                MashupsTestEnvironment.count(
                        schema, "SELECT count(*) FROM webhook_events WHERE payload LIKE '%replay-" + run + "-%'"),
                "each event recorded once");
        for (int i = 0; i < USERS; i++) {
            assertEquals(state(inOrderUsers.get(i)), state(replayUsers.get(i)), "user " + i);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> MashupsTestEnvironment.count(schema, "SELECT count(*) FROM outbox") == 0);
        List<EntitlementsV1> published = EntitlementsTopic.since(start, new HashSet<>(replayUsers));
        Map<String, List<EntitlementsV1>> byUser =
                published.stream().collect(Collectors.groupingBy(EntitlementsV1::userId));
        List<EntitlementsV1> inOrderPublished = EntitlementsTopic.since(start, new HashSet<>(inOrderUsers));
        assertEquals(USERS * 4, inOrderPublished.size(), "in order: four changes per user");
        for (String user : replayUsers) {
            List<Long> revisions = byUser.get(user).stream()
                    .map(EntitlementsV1::revision)
                    .sorted()
                    .toList();
            assertEquals(
                    new ArrayList<>(new java.util.TreeSet<>(revisions)),
                    revisions,
                    "no revision published twice for " + user);
            assertEquals(
                    revisions.size(),
                    revisions.get(revisions.size() - 1),
                    "revisions 1..n, one per change, for " + user);
            EntitlementsV1 last = byUser.get(user).stream()
                    .max(java.util.Comparator.comparingLong(EntitlementsV1::revision))
                    .orElseThrow();
            assertEquals(
                    state(user).get("entitled"),
                    last.tier().name() + "/" + last.status(),
                    "last update is the final state");
        }
    }

    /** The user's subscription and invoices, with our user id taken out so two users' rows compare. */
    private Map<String, String> state(String user) throws SQLException {
        Map<String, String> state = new HashMap<>();
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var s = c.prepareStatement(
                        "SELECT tier, status, billing_interval, current_period_start, current_period_end, cancel_at_period_end, source_event_created "
                                + "FROM subscriptions WHERE user_id = ?")) {
            s.setString(1, user);
            ResultSet rs = s.executeQuery();
            assertTrue(rs.next(), "no subscription for " + user);
            for (int col = 1; col <= 7; col++) {
                state.put(rs.getMetaData().getColumnName(col), String.valueOf(rs.getObject(col)));
            }
            String status = rs.getString("status");
            boolean granting = Set.of("active", "trialing", "past_due").contains(status);
            state.put("entitled", (granting ? rs.getString("tier").toUpperCase() : "FREE") + "/" + status);
        }
        try (var c = MashupsTestEnvironment.jdbc(schema);
                var s = c.prepareStatement(
                        "SELECT stripe_invoice_id, amount_due, amount_paid, status FROM invoices WHERE user_id = ? ORDER BY stripe_invoice_id")) {
            s.setString(1, user);
            ResultSet rs = s.executeQuery();
            int n = 0;
            while (rs.next()) {
                state.put(
                        "invoice" + n++,
                        rs.getString(1).replace(user, "USER") + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
                                + rs.getString(4));
            }
        }
        return state;
    }
}
