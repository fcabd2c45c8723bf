package io.mashups.billing.checkout;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where to send the browser: a Stripe Checkout or Customer Portal page. */
@Schema(name = "Redirect")
public record RedirectView(
        @Schema(examples = "https://checkout.stripe.com/c/pay/cs_test_a1")
        String url) {}
