package io.mashups.attribution.matching;

import io.mashups.attribution.audio.KnownUpload;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every upload audio-pipeline stored ({@code audio.upload-stored}) is recorded, so its owner can ask what is in it,
 * and queued to be fingerprinted against the reference catalogue ({@link FingerprintJob}).
 */
@ApplicationScoped
public class StoredUploads implements EventHandler {
    private final AttributionService attributions;
    private final EventDelivery delivery;

    public StoredUploads(AttributionService attributions, EventDelivery delivery) {
        this.attributions = attributions;
        this.delivery = delivery;
    }

    /** The channel kept its first name when mashups moved to the shared projection: its inbox and offsets stay. */
    @Override
    public String name() {
        return "audio-announcements";
    }

    @Incoming("audio-announcements")
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
        return KnownUpload.<KnownUpload>findById(stored.uploadId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            KnownUpload upload = new KnownUpload();
            upload.id = stored.uploadId();
            upload.ownerId = stored.ownerId();
            upload.objectKey = stored.objectKey();
            upload.fileName = stored.fileName();
            upload.durationSec = stored.durationSec();
            upload.storedAt = event.time().atOffset(ZoneOffset.UTC);
            return upload.persist()
                    .chain(() -> attributions.fingerprintIfRecent(
                            Subject.UPLOAD, upload.id, upload.ownerId, upload.objectKey, upload.storedAt));
        });
    }
}
