package io.mashups.billing.subscription;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SubscriptionService {
    @WithSession
    public Uni<SubscriptionView> current(String userId) {
        return Subscription.<Subscription>findById(userId)
                .map(subscription ->
                        subscription == null ? SubscriptionView.free() : SubscriptionView.of(subscription));
    }
}
