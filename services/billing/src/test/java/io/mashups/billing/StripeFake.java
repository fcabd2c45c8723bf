package io.mashups.billing;

import io.mashups.testing.ProviderFake;
import io.mashups.testing.StripeApiFake;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Billing's tests against the local Stripe API ({@link StripeApiFake}), with a webhook secret of their own. */
public class StripeFake implements QuarkusTestResourceLifecycleManager {
    public static final String WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
    private static ProviderFake fake;

    public static ProviderFake fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        fake = StripeApiFake.start();
        return Map.of(
                "mashups.billing.stripe.api-base",
                fake.baseUrl(),
                "mashups.billing.stripe.api-key",
                StripeApiFake.API_KEY,
                "mashups.billing.stripe.webhook-secret",
                WEBHOOK_SECRET,
                "mashups.billing.webhook-retry-every",
                "1s");
    }

    @Override
    public void stop() {
        fake.close();
    }
}
