package io.mashups.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user of the current request: the JWT's {@code sub} is the user id; roles come from the token's configured
 * role claim ({@code admin} runs battles and the reference catalogue, {@code judge} scores).
 */
@RequestScoped
public class CurrentUser {
    public static final String ADMIN = "admin";
    public static final String JUDGE = "judge";

    private final SecurityIdentity identity;

    @Inject
    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user id; a request without a verified token never reaches code that asks (the edge answers 401). */
    public String id() {
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        // sub, not the principal name: issuers differ on upn/preferred_username, and sub is stable
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /**
     * The name the token gives ({@code name}, else {@code preferred_username}), trimmed to 100 characters without
     * control characters; null when it gives none.
     */
    public String displayName() {
        String name = claim("name");
        String chosen = name != null && !name.isBlank() ? name : claim("preferred_username");
        if (chosen == null) {
            return null;
        }
        String clean = chosen.replaceAll("\\p{Cntrl}", "").strip();
        return clean.isEmpty() ? null : clean.substring(0, Math.min(100, clean.length()));
    }

    /** The token's {@code picture} when it is an http(s) URL of at most 2,048 characters; null otherwise. */
    public String picture() {
        String picture = claim("picture");
        return picture != null && picture.length() <= 2048 && picture.matches("https?://[^\\s\\p{Cntrl}]+")
                ? picture
                : null;
    }

    private String claim(String name) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        return value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ProblemException.forbidden("Only administrators may do this");
        }
    }

    /** Refuses with 404, not 403, so a user cannot learn that someone else's resource exists. */
    public void requireOwner(String ownerId, String what, String id) {
        if (!id().equals(ownerId)) {
            throw ProblemException.notFound(what, id);
        }
    }
}
