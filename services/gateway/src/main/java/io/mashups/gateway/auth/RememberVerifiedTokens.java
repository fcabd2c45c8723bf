package io.mashups.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Sees every identity quarkus-oidc has just verified and hands it to {@link VerifiedTokens}. */
@ApplicationScoped
public class RememberVerifiedTokens implements SecurityIdentityAugmentor {
    private final VerifiedTokens verified;

    public RememberVerifiedTokens(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null && !identity.isAnonymous()) {
            verified.remember(token.getToken(), identity, System.currentTimeMillis());
        }
        return Uni.createFrom().item(identity);
    }
}
