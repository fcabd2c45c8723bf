package io.mashups.studio.remix;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.mashups.studio.project.ProjectService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Makes each remix's project when audio-pipeline says one began ({@code audio.remix-started}). */
@ApplicationScoped
public class RemixProjects implements EventHandler {
    private final EventDelivery delivery;
    private final ProjectService projects;

    public RemixProjects(EventDelivery delivery, ProjectService projects) {
        this.delivery = delivery;
        this.projects = projects;
    }

    @Override
    public String name() {
        return "remix-projects";
    }

    @Incoming("remix-projects")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.REMIX_STARTED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        return projects.createRemix(event.dataAs(EventCatalog.REMIX_STARTED));
    }
}
