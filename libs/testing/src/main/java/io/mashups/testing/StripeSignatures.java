package io.mashups.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook payloads exactly as Stripe does: {@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">}. */
public final class StripeSignatures {
    public static String sign(String payload, String endpointSecret) {
        return sign(payload, Instant.now().getEpochSecond(), endpointSecret);
    }

    public static String sign(String payload, long timestamp, String endpointSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(endpointSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private StripeSignatures() {}
}
