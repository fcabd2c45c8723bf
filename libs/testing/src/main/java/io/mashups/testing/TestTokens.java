package io.mashups.testing;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Signs bearer tokens the way a real OIDC issuer would (RS256, iss, sub, groups, exp). The key pair is made once per
 * test JVM; {@link MashupsTestEnvironment} hands its public key to the service's quarkus-oidc configuration, so
 * tests exercise the production token validation, with no key committed anywhere.
 */
public final class TestTokens {
    public static final String ISSUER = "https://auth.mashups.test/realms/mashups";
    private static final KeyPair KEYS = rsa();
    private static final KeyPair FOREIGN_KEYS = rsa();

    /** A valid token for {@code userId} with the given roles, valid for an hour. */
    public static String forUser(String userId, String... roles) {
        return sign(userId, ISSUER, Instant.now().plusSeconds(3600), KEYS, roles);
    }

    /** A valid token for {@code userId} whose {@code name} and {@code picture} claims describe the person. */
    public static String withProfile(String userId, String name, String picture) {
        Instant expiresAt = Instant.now().plusSeconds(3600);
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .upn(userId + "@users.mashups.test")
                .claim("name", name)
                .claim("picture", picture)
                .issuedAt(expiresAt.minusSeconds(3600 + 60))
                .expiresAt(expiresAt)
                .jws()
                .keyId("test")
                .sign(KEYS.getPrivate());
    }

    public static String expired(String userId) {
        return sign(userId, ISSUER, Instant.now().minusSeconds(600), KEYS);
    }

    public static String wrongIssuer(String userId) {
        return sign(userId, "https://evil.example/realms/mashups", Instant.now().plusSeconds(3600), KEYS);
    }

    /** Well-formed and unexpired, but signed by a key the services do not trust. */
    public static String foreignKey(String userId) {
        return sign(userId, ISSUER, Instant.now().plusSeconds(3600), FOREIGN_KEYS);
    }

    /** A valid token whose payload was changed after signing (claims another user). */
    public static String tampered(String userId, String impersonated) {
        String[] parts = forUser(userId).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + userId + "\"", "\"sub\":\"" + impersonated + "\"");
        return parts[0] + "." + base64Url(payload) + "." + parts[2];
    }

    /** The classic attack: {@code alg: none} and no signature. */
    public static String algNone(String userId) {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String claims = base64Url(
                "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"exp\":" + exp + ",\"groups\":[\"admin\"]}");
        return header + "." + claims + ".";
    }

    /** Base64 DER (SubjectPublicKeyInfo) of the trusted key, the format of {@code quarkus.oidc.public-key}. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** Base64 PKCS#8 of the trusted key, for a service that itself signs tokens in tests (the gateway's dev endpoint). */
    public static String privateKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
    }

    private static String sign(String userId, String issuer, Instant expiresAt, KeyPair keys, String... roles) {
        return Jwt.issuer(issuer)
                .subject(userId)
                .upn(userId + "@users.mashups.test")
                .groups(Set.of(roles))
                .issuedAt(expiresAt.minusSeconds(3600 + 60))
                .expiresAt(expiresAt)
                .jws()
                .keyId("test")
                .sign(keys.getPrivate());
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {}
}
