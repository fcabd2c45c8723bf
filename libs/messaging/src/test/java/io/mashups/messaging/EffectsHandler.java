package io.mashups.messaging;

import io.mashups.messaging.consumer.EventDelivery;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer of XP events one at a time, each in a transaction of its own. */
@ApplicationScoped
public class EffectsHandler extends AppliedEffects {
    private final EventDelivery delivery;

    public EffectsHandler(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    String table() {
        return "applied_effects";
    }

    @Override
    public String name() {
        return "effects";
    }

    @Incoming("effects")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }
}
