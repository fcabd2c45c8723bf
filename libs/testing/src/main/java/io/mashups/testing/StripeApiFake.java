package io.mashups.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * A local Stripe API serving the documented JSON of the three calls billing makes (create customer, create Checkout
 * Session, create portal session): billing's tests and the fleet of the system tests point stripe-java at it through
 * {@code mashups.billing.stripe.api-base}.
 */
public final class StripeApiFake {
    public static final String API_KEY = "sk_test_fake";
    public static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_a1b2c3";
    public static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_YWNjdF8x";

    private StripeApiFake() {}

    /** A new fake on a free loopback port, answering the three calls. */
    public static ProviderFake start() {
        ProviderFake fake = new ProviderFake();
        stubDocumentedResponses(fake);
        return fake;
    }

    /** The documented answers again, after a test has reset or overridden them. */
    public static void stubDocumentedResponses(ProviderFake fake) {
        var stripe = fake.client();
        stripe.register(
                post(urlPathEqualTo("/v1/customers")).willReturn(json("""
                {"id": "cus_{{randomValue length=14 type='ALPHANUMERIC'}}", "object": "customer", "created": 1764000000, "email": null, "livemode": false,
                 "metadata": {}, "description": "Mashups user"}""").withTransformers("response-template")));
        stripe.register(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(json("""
                {"id": "cs_test_a1b2c3", "object": "checkout.session", "mode": "subscription", "status": "open",
                 "customer": "cus_fake123", "client_reference_id": null, "livemode": false,
                 "url": "%s"}""".formatted(CHECKOUT_URL))));
        stripe.register(
                post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(json("""
                {"id": "bps_1abc", "object": "billing_portal.session", "customer": "cus_fake123", "livemode": false,
                 "return_url": "http://localhost:3000/billing", "url": "%s"}""".formatted(PORTAL_URL))));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_fake")
                .withBody(body);
    }
}
