package io.mashups.events.billing;

/**
 * What a tier allows. A null count means unlimited.
 *
 * @param mashupsPerMonth        mashups a user may create in a calendar month
 * @param aiGenerationsPerMonth  AI Magic Generator runs in a calendar month
 * @param stemExports            whether stems may be exported
 * @param collaboration          whether collaborators may be invited to a studio project
 * @param analyticsRetentionDays how far back analytics reach
 * @param support                none, email or priority
 */
public record Limits(
        Integer mashupsPerMonth,
        Integer aiGenerationsPerMonth,
        boolean stemExports,
        boolean collaboration,
        Integer analyticsRetentionDays,
        String support) {

    /** The limits of each tier, as in the product plan's tier table. */
    public static Limits of(Tier tier) {
        return switch (tier) {
            case FREE -> new Limits(3, 0, false, false, 7, "none");
            case PRO -> new Limits(null, 20, true, true, 90, "email");
            case STUDIO -> new Limits(null, null, true, true, null, "priority");
        };
    }
}
