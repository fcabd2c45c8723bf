package io.mashups.billing.subscription;

import io.mashups.events.billing.Limits;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of the billing page's feature list: what the tier allows, as the plan's tier table words it. */
@Schema(name = "Feature")
public record Feature(
        @Schema(examples = "aiGenerationsPerMonth") String key,
        @Schema(examples = "AI Generations") String label,

        @Schema(
                description = "a count (null: unlimited), whether it is included, or the support level",
                examples = "20",
                nullable = true)
        Object limit,

        @Schema(examples = "20", description = "the limit as the tier table shows it")
        String text) {

    /** A tier's limits as the page lists them, in the tier table's order. */
    static List<Feature> of(Limits limits) {
        return List.of(
                count("mashupsPerMonth", "Mashups/month", limits.mashupsPerMonth(), ""),
                count("aiGenerationsPerMonth", "AI Generations", limits.aiGenerationsPerMonth(), ""),
                included("stemExports", "Stem Exports", limits.stemExports()),
                included("collaboration", "Collaboration", limits.collaboration()),
                count("analyticsRetentionDays", "Analytics", limits.analyticsRetentionDays(), " days"),
                new Feature(
                        "support",
                        "Priority Support",
                        limits.support(),
                        "none".equals(limits.support()) ? "No" : capitalised(limits.support())));
    }

    private static Feature count(String key, String label, Integer limit, String unit) {
        return new Feature(key, label, limit, limit == null ? "Unlimited" : limit + unit);
    }

    private static Feature included(String key, String label, boolean included) {
        return new Feature(key, label, included, included ? "Yes" : "No");
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
