package io.mashups.captions.track;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Remembers each mashup's vocal stem ({@code audio.stems-ready}): captioning listens to the voice without the band. */
@ApplicationScoped
public class VocalStems implements EventHandler {
    private static final String STEM = """
            INSERT INTO vocal_stems (mashup_id, object_key) VALUES (?1, ?2)
            ON CONFLICT (mashup_id) DO UPDATE SET object_key = excluded.object_key""";
    private final EventDelivery delivery;

    public VocalStems(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "vocal-stems";
    }

    @Incoming("vocal-stems")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.STEMS_READY);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        var stems = event.dataAs(EventCatalog.STEMS_READY);
        String vocals = stems.stems().get("vocals");
        if (!"mashup".equals(stems.assetKind()) || vocals == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(STEM)
                        .setParameter(1, stems.assetId())
                        .setParameter(2, vocals)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
