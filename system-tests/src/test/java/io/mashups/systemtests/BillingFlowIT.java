package io.mashups.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user subscribes: Stripe's signed webhooks reach billing through the gateway and the user becomes pro. */
@ExtendWith(Fleet.class)
class BillingFlowIT {
    @Test
    void newUserIsFreeAndSignedStripeEventsMakeThemPro() {
        String user = "system-" + UUID.randomUUID();
        String token = FrontendSessionIT.devToken(user, "");
        given().auth()
                .oauth2(token)
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("tier", equalTo("free"))
                .body("limits.aiGenerationsPerMonth", equalTo(0));

        Subscriptions.subscribe(user, "price_pro_month");

        given().auth()
                .oauth2(token)
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("tier", equalTo("pro"))
                .body("status", equalTo("active"))
                .body("limits.aiGenerationsPerMonth", equalTo(20))
                .body("limits.collaboration", equalTo(true));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> KafkaTopics.keyed("billing.entitlements", user).stream()
                        .anyMatch(v -> v.contains("\"tier\":\"PRO\"")));
        given().auth()
                .oauth2(FrontendSessionIT.devToken("someone-else-" + UUID.randomUUID(), ""))
                .get("/api/billing/subscription")
                .then()
                .body("tier", equalTo("free"));
    }
}
