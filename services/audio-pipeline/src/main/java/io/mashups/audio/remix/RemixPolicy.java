package io.mashups.audio.remix;

import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import io.mashups.messaging.mashups.Visibility;
import java.util.Optional;

/**
 * Who may remix a mashup, checked in this order, the first refusal answering:
 *
 * <ol>
 *   <li>a private mashup exists only for its owner: anyone else is answered as if it did not exist (404);
 *   <li>a mashup Content ID blocks cannot be remixed, by anyone (409);
 *   <li>remixing loads the mashup's stems, which needs a tier with stem exports (free: 402 with the upgrade path);
 *   <li>others than the owner need {@code allowRemix} (403), and {@code allowCommercial} for a commercial remix (403).
 * </ol>
 *
 * The owner may always remix their own mashup, within their tier; attribution is never a refusal, it is what a remix's
 * credit shows.
 */
public final class RemixPolicy {
    private RemixPolicy() {}

    /** Why a remix is refused. */
    public enum Refusal {
        NOT_FOUND,
        BLOCKED_BY_CONTENT_ID,
        TIER_WITHOUT_STEM_EXPORTS,
        REMIX_NOT_ALLOWED,
        COMMERCIAL_USE_NOT_ALLOWED
    }

    /** The request and what it is about. */
    public record Case(
            boolean owner,
            Visibility visibility,
            boolean blocked,
            Tier tier,
            RemixPermissions permissions,
            boolean commercial) {}

    public static Optional<Refusal> check(Case remix) {
        if (remix.visibility() == Visibility.PRIVATE && !remix.owner()) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (remix.blocked()) {
            return Optional.of(Refusal.BLOCKED_BY_CONTENT_ID);
        }
        if (!Limits.of(remix.tier()).stemExports()) {
            return Optional.of(Refusal.TIER_WITHOUT_STEM_EXPORTS);
        }
        if (remix.owner()) {
            return Optional.empty();
        }
        if (!remix.permissions().allowRemix()) {
            return Optional.of(Refusal.REMIX_NOT_ALLOWED);
        }
        if (remix.commercial() && !remix.permissions().allowCommercial()) {
            return Optional.of(Refusal.COMMERCIAL_USE_NOT_ALLOWED);
        }
        return Optional.empty();
    }
}
