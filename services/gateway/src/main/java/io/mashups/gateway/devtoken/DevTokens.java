package io.mashups.gateway.devtoken;

import io.mashups.web.AuthProblems;
import io.mashups.web.Problem;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signs JWTs for any user and roles so the fleet can be used locally without an identity provider:
 * {@code POST /dev/token {"sub":"alice","roles":["admin"]}} or {@code GET /dev/token?sub=alice&roles=admin}.
 */
public class DevTokens {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
    private final DevTokenConfig config;
    private final PrivateKey key;

    public DevTokens(DevTokenConfig config) {
        this.config = config;
        this.key = parse(
                config.privateKey()
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "mashups.dev-token.enabled is true but mashups.dev-token.private-key is not set (deploy/local/fleet.sh makes one)")));
    }

    public void handle(RoutingContext ctx) {
        String subject;
        Set<String> roles = new LinkedHashSet<>();
        try {
            if (ctx.request().method().name().equals("POST")
                    && ctx.body() != null
                    && ctx.body().length() > 0) {
                JsonObject body = ctx.body().asJsonObject();
                subject = body.getString("sub");
                JsonArray given = body.getJsonArray("roles", new JsonArray());
                given.forEach(r -> roles.add(String.valueOf(r)));
            } else {
                subject = ctx.request().getParam("sub");
                String given = ctx.request().getParam("roles");
                if (given != null && !given.isBlank()) {
                    for (String role : given.split(",")) {
                        roles.add(role.trim());
                    }
                }
            }
        } catch (DecodeException | ClassCastException e) {
            AuthProblems.write(
                    ctx,
                    Problem.of(
                            400,
                            "malformed-body",
                            "Malformed request body",
                            "Expected {\"sub\": \"...\", \"roles\": [\"...\"]}"));
            return;
        }
        if (subject == null
                || !SAFE.matcher(subject).matches()
                || !roles.stream().allMatch(r -> SAFE.matcher(r).matches())) {
            AuthProblems.write(
                    ctx,
                    Problem.of(
                            400,
                            "validation",
                            "Invalid request",
                            "sub is required; sub and roles are 1-128 characters of letters, digits and ._@:-"));
            return;
        }
        Instant expires = Instant.now().plus(config.lifetime());
        String token = Jwt.issuer(config.issuer())
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim("preferred_username", subject)
                .expiresAt(expires)
                .jws()
                .keyId("mashups-dev")
                .sign(key);
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject()
                        .put("access_token", token)
                        .put("token_type", "Bearer")
                        .put("expires_in", config.lifetime().toSeconds())
                        .put("sub", subject)
                        .put("roles", new JsonArray(roles.stream().toList()))
                        .encode());
    }

    private static PrivateKey parse(String keyText) {
        String base64 =
                keyText.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("mashups.dev-token.private-key is not a PKCS#8 RSA private key", e);
        }
    }
}
