package io.mashups.billing.plan;

import io.mashups.billing.config.BillingConfig;
import io.mashups.events.billing.Tier;
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
}
