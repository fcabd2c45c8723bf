package io.mashups.billing.plan;

import io.mashups.events.billing.Tier;
import java.util.Locale;
import java.util.Optional;

/** A paid plan: a tier billed monthly or yearly ($9.99/$99 for Pro, $29.99/$299 for Studio). */
public record Plan(Tier tier, Interval interval) {
    public enum Interval {
        MONTH,
        YEAR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Interval> parse(String text) {
            for (Interval interval : values()) {
                if (interval.wire().equals(text)) {
                    return Optional.of(interval);
                }
            }
            return Optional.empty();
        }
    }

    public static String wire(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> parseTier(String text) {
        for (Tier tier : Tier.values()) {
            if (wire(tier).equals(text)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
