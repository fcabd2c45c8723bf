package io.mashups.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fresh install with no Stripe account: reads work, everyone is free, payments say they are not configured. */
@QuarkusTest
@TestProfile(UnconfiguredBillingTest.NoStripe.class)
@QuarkusTestResource(MashupsTestEnvironment.class)
class UnconfiguredBillingTest {
    public static class NoStripe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mashups.billing.stripe.api-key", "", "mashups.billing.stripe.webhook-secret", "");
        }
    }

    @Test
    void readsWorkAndPaymentsAnswer503() {
        String token = TestTokens.forUser("fresh-install-user");
        given().auth()
                .oauth2(token)
                .get("/api/billing/subscription")
                .then()
                .statusCode(200)
                .body("tier", equalTo("free"));
        given().auth()
                .oauth2(token)
                .get("/api/billing/invoices")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("title", equalTo("Billing not configured"));
        given().auth().oauth2(token).post("/api/billing/portal").then().statusCode(503);
        given().contentType("application/json")
                .body("{}")
                .header("Stripe-Signature", "t=1,v1=00")
                .post("/api/webhooks/stripe")
                .then()
                .statusCode(503);
    }
}
