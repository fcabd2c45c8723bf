package io.mashups.billing.plan;

import io.mashups.billing.config.BillingConfig;
import io.mashups.events.billing.Tier;
import io.mashups.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** The configured Stripe price of each plan, both ways. */
@ApplicationScoped
public class Prices {
    private final Map<Plan, String> priceByPlan;
    private final Map<String, Plan> planByPrice;

    public Prices(BillingConfig config) {
        BillingConfig.Prices prices = config.prices();
        priceByPlan = Map.of(
                new Plan(Tier.PRO, Plan.Interval.MONTH), prices.proMonth(),
                new Plan(Tier.PRO, Plan.Interval.YEAR), prices.proYear(),
                new Plan(Tier.STUDIO, Plan.Interval.MONTH), prices.studioMonth(),
                new Plan(Tier.STUDIO, Plan.Interval.YEAR), prices.studioYear());
        planByPrice = Map.of(
                prices.proMonth(),
                new Plan(Tier.PRO, Plan.Interval.MONTH),
                prices.proYear(),
                new Plan(Tier.PRO, Plan.Interval.YEAR),
                prices.studioMonth(),
                new Plan(Tier.STUDIO, Plan.Interval.MONTH),
                prices.studioYear(),
                new Plan(Tier.STUDIO, Plan.Interval.YEAR));
    }

    public String priceOf(Plan plan) {
        return priceByPlan.get(plan);
    }

    public Optional<Plan> planOf(String priceId) {
        return Optional.ofNullable(planByPrice.get(priceId));
    }

    /**
     * The plan a checkout asks for: the one its price names (a tier or interval given beside it must agree), else
     * the tier billed by the interval given, monthly by default. 400 naming the field otherwise.
     */
    public Plan requested(String tier, String interval, String priceId) {
        if (priceId != null) {
            Plan plan = planOf(priceId)
                    .orElseThrow(() -> ProblemException.invalid(
                            Map.of("priceId", "\"" + priceId + "\" is not one of the configured prices")));
            if (tier != null && !tier.equals(Plan.wire(plan.tier()))) {
                throw ProblemException.invalid(
                        Map.of("tier", "is " + tier + " but the price is of the " + Plan.wire(plan.tier()) + " plan"));
            }
            if (interval != null && !interval.equals(plan.interval().wire())) {
                throw ProblemException.invalid(Map.of(
                        "interval",
                        "is " + interval + " but the price is billed by the "
                                + plan.interval().wire()));
            }
            return plan;
        }
        if (tier == null) {
            throw ProblemException.invalid(Map.of("tier", "is required without a priceId"));
        }
        return new Plan(
                Plan.parseTier(tier).orElseThrow(),
                interval == null
                        ? Plan.Interval.MONTH
                        : Plan.Interval.parse(interval).orElseThrow());
    }
}
