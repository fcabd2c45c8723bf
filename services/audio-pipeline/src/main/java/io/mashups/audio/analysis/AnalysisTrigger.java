package io.mashups.audio.analysis;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every stored upload gets analysed: {@code audio.upload-stored} queues an analysis job (once per event). */
@ApplicationScoped
public class AnalysisTrigger implements EventHandler {
    private final AnalysisJob analysis;
    private final EventDelivery delivery;

    public AnalysisTrigger(AnalysisJob analysis, EventDelivery delivery) {
        this.delivery = delivery;
        this.analysis = analysis;
    }

    @Override
    public String name() {
        return "analysis-trigger";
    }

    @Incoming("analysis-trigger")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.UPLOAD_STORED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var stored = event.dataAs(EventCatalog.UPLOAD_STORED);
        return analysis.enqueue(stored.uploadId(), stored.ownerId()).replaceWithVoid();
    }
}
