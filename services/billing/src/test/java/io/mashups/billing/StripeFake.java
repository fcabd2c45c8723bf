package io.mashups.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.mashups.testing.ProviderFake;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local Stripe API serving the documented JSON of the three calls billing makes (create customer, create Checkout
 * Session, create portal session); stripe-java is pointed at it through mashups.billing.stripe.api-base.
 */
public class StripeFake implements QuarkusTestResourceLifecycleManager {
    public static final String WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
    public static final String CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_a1b2c3";
    public static final String PORTAL_URL = "https://billing.stripe.com/p/session/test_YWNjdF8x";
    private static ProviderFake fake;

    public static ProviderFake fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = new ProviderFake();
        stubDocumentedResponses();
        return Map.of(
                "mashups.billing.stripe.api-base",
                fake.baseUrl(),
                "mashups.billing.stripe.api-key",
                "sk_test_fake",
                "mashups.billing.stripe.webhook-secret",
                WEBHOOK_SECRET,
                "mashups.billing.webhook-retry-every",
                "1s");
    }

    public static void stubDocumentedResponses() {
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

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_fake")
                .withBody(body);
    }

    @Override
    public void stop() {
        fake.close();
    }
}
