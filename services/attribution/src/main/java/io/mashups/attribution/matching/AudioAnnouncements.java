package io.mashups.attribution.matching;

import io.mashups.attribution.audio.KnownMashup;
import io.mashups.attribution.audio.KnownUpload;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * audio-pipeline's news: every stored upload and rendered mashup is recorded (so owners and the catalogue can refer
 * to it) and queued to be fingerprinted against the reference catalogue ({@link FingerprintJob}).
 */
@ApplicationScoped
public class AudioAnnouncements implements EventHandler {
    private final JobStore jobs;
    private final AttributionConfig config;
    private final EventDelivery delivery;

    public AudioAnnouncements(JobStore jobs, AttributionConfig config, EventDelivery delivery) {
        this.delivery = delivery;
        this.jobs = jobs;
        this.config = config;
    }

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
        return Set.of(EventCatalog.UPLOAD_STORED, EventCatalog.MASHUP_RENDERED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        boolean recent = event.time().isAfter(Instant.now().minus(config.autoAttributeWithin()));
        if (event.is(EventCatalog.UPLOAD_STORED)) {
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
                        .chain(() -> !recent
                                ? Uni.createFrom().voidItem()
                                : fingerprint(Attribution.UPLOAD, upload.id, upload.ownerId, upload.objectKey));
            });
        }
        var rendered = event.dataAs(EventCatalog.MASHUP_RENDERED);
        return KnownMashup.<KnownMashup>findById(rendered.mashupId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            KnownMashup mashup = new KnownMashup();
            mashup.id = rendered.mashupId();
            mashup.ownerId = rendered.ownerId();
            mashup.title = rendered.title();
            mashup.audioKey = rendered.audioObjectKey();
            mashup.durationSec = rendered.durationSec();
            mashup.renderedAt = event.time().atOffset(ZoneOffset.UTC);
            return mashup.persist()
                    .chain(() -> !recent
                            ? Uni.createFrom().voidItem()
                            : fingerprint(Attribution.MASHUP, mashup.id, mashup.ownerId, mashup.audioKey));
        });
    }

    /** Queues the fingerprinting in the event's transaction; the job engine runs it. */
    private Uni<Void> fingerprint(String subjectKind, String subjectId, String ownerId, String objectKey) {
        return jobs.enqueue(FingerprintJob.KIND, ownerId, subjectId, new FingerprintJob.Request(subjectKind, objectKey))
                .replaceWithVoid();
    }
}
