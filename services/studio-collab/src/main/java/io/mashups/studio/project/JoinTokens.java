package io.mashups.studio.project;

import io.mashups.studio.StudioConfig;
import io.mashups.web.ProblemException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * Join tokens: HS256 JWTs signed with this service's own secret, naming the user, the project and the role, valid
 * for a couple of minutes. The WebSocket endpoint accepts nothing else.
 */
@ApplicationScoped
public class JoinTokens {
    static final String ISSUER = "mashups-studio";
    private final String secret;
    private final Duration ttl;

    public JoinTokens(StudioConfig config) {
        this.secret = config.joinTokenSecret().orElse("");
        this.ttl = config.joinTokenTtl();
    }

    public JoinTicket issue(String userId, String projectId, String role) {
        if (secret.length() < 32) {
            throw ProblemException.unavailable(
                    "The studio is not configured: MASHUPS_STUDIO_JOIN_SECRET (32+ bytes) is missing");
        }
        Instant expires = Instant.now().plus(ttl);
        String token = Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(projectId)
                .claim("role", role)
                .expiresAt(expires)
                .issuedAt(Instant.now())
                .signWithSecret(secret);
        return new JoinTicket(token, "studio:" + projectId, "/ws/studio/" + projectId, expires);
    }

    /**
     * The user a join token was issued to, if it is ours, unexpired and for this project; otherwise the HTTP status
     * that refuses the WebSocket upgrade (401 for a bad or expired token, 403 for another project's).
     */
    public Verified verify(String token, String projectId) {
        if (token == null || token.isBlank() || secret.length() < 32) {
            return new Verified(null, 401);
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(5)
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(projectId)
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        try {
            return new Verified(consumer.processToClaims(token).getSubject(), 200);
        } catch (InvalidJwtException e) {
            return new Verified(null, e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) && !e.hasExpired() ? 403 : 401);
        } catch (MalformedClaimException e) {
            return new Verified(null, 401);
        }
    }

    /** The outcome of {@link #verify}: the user, or the status refusing them. */
    public record Verified(String userId, int status) {
        public boolean ok() {
            return userId != null;
        }
    }
}
