package io.mashups.studio.project;

import io.mashups.web.ProblemException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Join tokens: HS256 JWTs signed with this service's own secret, naming the user, the project and the role, valid
 * for a couple of minutes. The WebSocket endpoint accepts nothing else.
 */
@ApplicationScoped
public class JoinTokens {
    static final String ISSUER = "mashups-studio";
    private final String secret;
    private final Duration ttl;

    public JoinTokens(@ConfigProperty(name = "mashups.studio.join-token-secret", defaultValue = "") String secret,
                      @ConfigProperty(name = "mashups.studio.join-token-ttl") Duration ttl) {
        this.secret = secret;
        this.ttl = ttl;
    }

    public JoinTicket issue(String userId, String projectId, String role) {
        if (secret.length() < 32) {
            throw ProblemException.unavailable("The studio is not configured: MASHUPS_STUDIO_JOIN_SECRET (32+ bytes) is missing");
        }
        Instant expires = Instant.now().plus(ttl);
        String token = Jwt.issuer(ISSUER).subject(userId).audience(projectId).claim("role", role)
                .expiresAt(expires).issuedAt(Instant.now()).signWithSecret(secret);
        return new JoinTicket(token, "studio:" + projectId, "/ws/studio/" + projectId, expires);
    }
}
