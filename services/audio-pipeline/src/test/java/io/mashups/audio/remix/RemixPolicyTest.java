package io.mashups.audio.remix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.audio.remix.RemixPolicy.Refusal;
import io.mashups.events.billing.Tier;
import io.mashups.messaging.mashups.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every cell of the permission matrix: owner or not, each flag on and off, a commercial remix or not, each tier, each
 * visibility, blocked by Content ID or not (576 cells), against the rules written out cell by cell below.
 */
class RemixPolicyTest {
    /** The rules as the issue states them, one question per refusal, read independently of the policy's order. */
    static Optional<Refusal> expected(
            boolean owner,
            Visibility visibility,
            boolean blocked,
            Tier tier,
            RemixPermissions permissions,
            boolean commercial) {
        boolean seesIt = owner || visibility != Visibility.PRIVATE;
        if (!seesIt) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (blocked) {
            return Optional.of(Refusal.BLOCKED_BY_CONTENT_ID);
        }
        if (tier == Tier.FREE) {
            return Optional.of(Refusal.TIER_WITHOUT_STEM_EXPORTS);
        }
        if (owner) {
            return Optional.empty();
        }
        if (!permissions.allowRemix()) {
            return Optional.of(Refusal.REMIX_NOT_ALLOWED);
        }
        return commercial && !permissions.allowCommercial()
                ? Optional.of(Refusal.COMMERCIAL_USE_NOT_ALLOWED)
                : Optional.empty();
    }

    @Test
    void everyCellIsAnsweredAsSpecified() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        boolean[] both = {false, true};
        for (boolean owner : both) {
            for (Visibility visibility : Visibility.values()) {
                for (boolean blocked : both) {
                    for (Tier tier : Tier.values()) {
                        for (boolean allowRemix : both) {
                            for (boolean requireAttribution : both) {
                                for (boolean allowCommercial : both) {
                                    for (boolean commercial : both) {
                                        RemixPermissions permissions =
                                                new RemixPermissions(allowRemix, requireAttribution, allowCommercial);
                                        RemixPolicy.Case remix = new RemixPolicy.Case(
                                                owner, visibility, blocked, tier, permissions, commercial);
                                        Optional<Refusal> want =
                                                expected(owner, visibility, blocked, tier, permissions, commercial);
                                        if (!want.equals(RemixPolicy.check(remix))) {
                                            wrong.add(remix + " wants " + want);
                                        }
                                        cells++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(576, cells);
        assertEquals(List.of(), wrong);
    }

    @Test
    void someCellsSpelledOut() {
        RemixPermissions noRemix = new RemixPermissions(false, true, false);
        assertEquals(
                Optional.empty(),
                RemixPolicy.check(new RemixPolicy.Case(true, Visibility.PRIVATE, false, Tier.PRO, noRemix, true)),
                "owners remix their own, even private and commercial, within a tier with stem exports");
        assertEquals(
                Optional.of(Refusal.REMIX_NOT_ALLOWED),
                RemixPolicy.check(new RemixPolicy.Case(false, Visibility.PUBLIC, false, Tier.STUDIO, noRemix, false)));
        assertEquals(
                Optional.of(Refusal.TIER_WITHOUT_STEM_EXPORTS),
                RemixPolicy.check(new RemixPolicy.Case(
                        false, Visibility.PUBLIC, false, Tier.FREE, RemixPermissions.DEFAULTS, false)));
        assertEquals(
                Optional.of(Refusal.COMMERCIAL_USE_NOT_ALLOWED),
                RemixPolicy.check(new RemixPolicy.Case(
                        false, Visibility.UNLISTED, false, Tier.PRO, RemixPermissions.DEFAULTS, true)));
    }
}
