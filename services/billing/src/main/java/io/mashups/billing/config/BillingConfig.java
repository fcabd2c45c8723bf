package io.mashups.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Stripe keys, prices and return URLs. Keys and the webhook secret come from the environment or a Secret. */
@ConfigMapping(prefix = "mashups.billing")
public interface BillingConfig {
    Stripe stripe();

    Prices prices();

    /** Where Stripe Checkout sends the user back. */
    @WithDefault("http://localhost:3000/billing?checkout=success")
    String successUrl();

    @WithDefault("http://localhost:3000/billing?checkout=cancelled")
    String cancelUrl();

    /** Where the Customer Portal's "return" link goes. */
    @WithDefault("http://localhost:3000/billing")
    String portalReturnUrl();

    /** How many times a webhook event whose processing failed is tried in all. */
    @WithDefault("10")
    int webhookMaxAttempts();

    /** How often pending webhook events are tried again. */
    @WithDefault("5s")
    Duration webhookRetryEvery();

    interface Stripe {
        /** Secret API key (STRIPE_API_KEY); without it checkout and portal answer 503. */
        Optional<String> apiKey();

        /** Endpoint secret of the webhook (STRIPE_WEBHOOK_SECRET); without it every webhook is refused. */
        Optional<String> webhookSecret();

        /** API base URL; only tests point it elsewhere. */
        Optional<String> apiBase();

        /** Signature timestamp tolerance, Stripe's default. */
        @WithDefault("300s")
        Duration webhookTolerance();
    }

    /** Stripe price ids of the four plans. */
    interface Prices {
        @WithDefault("price_pro_month")
        String proMonth();

        @WithDefault("price_pro_year")
        String proYear();

        @WithDefault("price_studio_month")
        String studioMonth();

        @WithDefault("price_studio_year")
        String studioYear();
    }
}
