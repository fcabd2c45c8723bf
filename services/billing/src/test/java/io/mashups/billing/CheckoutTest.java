package io.mashups.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.testing.MashupsTestEnvironment;
import io.mashups.testing.StripeApiFake;
import io.mashups.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
@QuarkusTestResource(StripeFake.class)
class CheckoutTest {
    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL server;

    @Test
    void checkoutCreatesTheCustomerOnceAndASubscriptionSessionForThePlansPrice() {
        String user = "buyer-" + UUID.randomUUID();

        given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .header("Idempotency-Key", "click-1")
                .body("{\"tier\":\"studio\",\"interval\":\"year\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(200)
                .body("url", org.hamcrest.Matchers.equalTo(StripeApiFake.CHECKOUT_URL));
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(200);

        var stripe = StripeFake.fake().client();
        stripe.verifyThat(
                1,
                postRequestedFor(urlPathEqualTo("/v1/customers"))
                        .withHeader("Idempotency-Key", equalTo("customer-" + user))
                        .withRequestBody(containing("metadata[user_id]=" + user)));
        stripe.verifyThat(
                1,
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                        .withHeader("Idempotency-Key", equalTo("checkout-" + user + "-STUDIO-YEAR-click-1"))
                        .withHeader("Authorization", equalTo("Bearer sk_test_fake"))
                        .withRequestBody(containing("mode=subscription"))
                        .withRequestBody(containing("client_reference_id=" + user))
                        .withRequestBody(containing("line_items[0][price]=price_studio_year"))
                        .withRequestBody(containing("customer=cus_")));
    }

    @Test
    void theSeedPlansBodyNamesThePlanByItsPriceAndATierAloneIsMonthly() {
        String user = "seed-buyer-" + UUID.randomUUID();
        String token = TestTokens.forUser(user);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("Idempotency-Key", "seed-1")
                .body("{\"tier\":\"pro\",\"priceId\":\"price_pro_year\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(200)
                .body("url", org.hamcrest.Matchers.equalTo(StripeApiFake.CHECKOUT_URL));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("Idempotency-Key", "seed-2")
                .body("{\"tier\":\"studio\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(200);
        var stripe = StripeFake.fake().client();
        stripe.verifyThat(
                1,
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                        .withHeader("Idempotency-Key", equalTo("checkout-" + user + "-PRO-YEAR-seed-1"))
                        .withRequestBody(containing("line_items[0][price]=price_pro_year")));
        stripe.verifyThat(
                1,
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                        .withHeader("Idempotency-Key", equalTo("checkout-" + user + "-STUDIO-MONTH-seed-2"))
                        .withRequestBody(containing("line_items[0][price]=price_studio_month")));

        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"priceId\":\"price_gold\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("priceId"))
                .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("price_gold")));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"studio\",\"priceId\":\"price_pro_month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("tier"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("tier"));
    }

    @Test
    void userWithAPaidPlanIsSentToThePortal() {
        String user = "subscriber-" + UUID.randomUUID();
        WebhookTest.deliver(StripeEvents.checkoutCompleted(StripeEvents.newId(), 100, user, "cus_" + user));
        WebhookTest.deliver(StripeEvents.subscription(
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
                .contentType("application/json")
                .body("{\"tier\":\"studio\",\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("portal", org.hamcrest.Matchers.equalTo("/api/billing/portal"));
        given().auth()
                .oauth2(TestTokens.forUser(user))
                .post("/api/billing/portal")
                .then()
                .statusCode(200)
                .body("url", org.hamcrest.Matchers.equalTo(StripeApiFake.PORTAL_URL));
    }

    @Test
    void portalWithoutAnAccountIs404() {
        given().auth()
                .oauth2(TestTokens.forUser("nobody-" + UUID.randomUUID()))
                .post("/api/billing/portal")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void badCheckoutInputIs400Problem() throws IOException {
        String token = TestTokens.forUser("careless-" + UUID.randomUUID());
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"gold\",\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("tier"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"pro\",\"interval\":\"weekly\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("interval"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"tier\":\"pro\"")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("[1,2]")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .post("/api/billing/checkout")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        assertEquals(413, statusOfOversizeRequest(token));
        given().contentType("application/json")
                .body("{\"tier\":\"pro\",\"interval\":\"month\"}")
                .post("/api/billing/checkout")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
    }

    /** Announces a body over the limit; the server refuses from the headers alone, before any byte of it. */
    private int statusOfOversizeRequest(String token) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.getOutputStream()
                    .write(("POST /api/billing/checkout HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
