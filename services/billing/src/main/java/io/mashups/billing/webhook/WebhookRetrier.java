package io.mashups.billing.webhook;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies recorded webhook events whose first application failed (e.g. a subscription seen before its customer). */
@ApplicationScoped
public class WebhookRetrier {
    private final WebhookService webhooks;

    public WebhookRetrier(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Scheduled(
            every = "${mashups.billing.webhook-retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryPending() {
        return webhooks.pending(100)
                .onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(
                        id -> webhooks.process(id).onFailure().recoverWithNull())
                .collect()
                .last()
                .replaceWithVoid();
    }
}
