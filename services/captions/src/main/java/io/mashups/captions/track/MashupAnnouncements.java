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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * audio-pipeline's news: a rendered mashup is recorded and captioned by itself; a mashup's vocal stem is remembered
 * so captioning can listen to the voice without the band; a change of visibility decides who may read the captions,
 * and a deleted mashup takes its captions with it.
 */
@ApplicationScoped
public class MashupAnnouncements implements EventHandler {
    private static final String STEM = """
            INSERT INTO vocal_stems (mashup_id, object_key) VALUES (?1, ?2)
            ON CONFLICT (mashup_id) DO UPDATE SET object_key = excluded.object_key""";
    private final CaptionRequests requests;
    private final CaptionConfig config;
    private final EventDelivery delivery;

    public MashupAnnouncements(CaptionRequests requests, CaptionConfig config, EventDelivery delivery) {
        this.delivery = delivery;
        this.requests = requests;
        this.config = config;
    }

    @Override
    public String name() {
        return "mashup-announcements";
    }

    @Incoming("mashup-announcements")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.MASHUP_RENDERED, EventCatalog.STEMS_READY, EventCatalog.MASHUP_CHANGED);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        if (event.is(EventCatalog.MASHUP_CHANGED)) {
            var changed = event.dataAs(EventCatalog.MASHUP_CHANGED);
            return KnownMashup.<KnownMashup>findById(changed.mashupId()).chain(mashup -> {
                if (mashup == null) {
                    return Uni.createFrom().voidItem();
                }
                if (changed.deleted()) {
                    // the mashup is gone, and its captions with it
                    return CaptionTrack.deleteById(mashup.id)
                            .chain(() -> VocalStem.deleteById(mashup.id))
                            .chain(() -> mashup.delete());
                }
                mashup.visibility = changed.visibility();
                return Uni.createFrom().voidItem();
            });
        }
        if (event.is(EventCatalog.STEMS_READY)) {
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
        var rendered = event.dataAs(EventCatalog.MASHUP_RENDERED);
        return KnownMashup.<KnownMashup>findById(rendered.mashupId()).chain(existing -> {
            KnownMashup mashup = existing != null ? existing : new KnownMashup();
            mashup.id = rendered.mashupId();
            mashup.ownerId = rendered.ownerId();
            mashup.audioKey = rendered.audioObjectKey();
            mashup.visibility = rendered.visibility();
            mashup.durationSec = rendered.durationSec();
            mashup.renderedAt = event.time().atOffset(ZoneOffset.UTC);
            boolean recent = event.time().isAfter(Instant.now().minus(config.autoCaptionWithin()));
            Uni<KnownMashup> saved = existing != null ? Uni.createFrom().item(mashup) : mashup.persist();
            return saved.chain(m -> existing != null || !recent
                    ? Uni.createFrom().voidItem()
                    : requests.queue(m, null, null).replaceWithVoid());
        });
    }
}
