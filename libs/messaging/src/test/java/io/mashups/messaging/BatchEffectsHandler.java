package io.mashups.messaging;

import io.mashups.messaging.consumer.EventDelivery;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer of the same events in batches, many to a transaction (visible in its rows' transaction ids). */
@ApplicationScoped
public class BatchEffectsHandler extends AppliedEffects {
    private final EventDelivery delivery;

    public BatchEffectsHandler(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    String table() {
        return "batch_effects";
    }

    @Override
    public String name() {
        return "batch-effects";
    }

    @Incoming("batch-effects")
    Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return delivery.applyAll(this, batch);
    }
}
