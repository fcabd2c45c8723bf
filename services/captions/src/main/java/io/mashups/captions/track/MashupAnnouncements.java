package io.mashups.captions.track;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * audio-pipeline's news: a rendered mashup is recorded and captioned by itself; a mashup's vocal stem is remembered
 * so captioning can listen to the voice without the band.
 */
@ApplicationScoped
public class MashupAnnouncements implements EventHandler {
    private static final String STEM = """
            INSERT INTO vocal_stems (mashup_id, object_key) VALUES (?1, ?2)
            ON CONFLICT (mashup_id) DO UPDATE SET object_key = excluded.object_key""";
    private final CaptionRequests requests;

    public MashupAnnouncements(CaptionRequests requests) {
        this.requests = requests;
    }

    @Override
    public String name() {
        return "mashup-announcements";
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.MASHUP_RENDERED, EventCatalog.STEMS_READY);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        if (event.is(EventCatalog.STEMS_READY)) {
            var stems = event.dataAs(EventCatalog.STEMS_READY);
            String vocals = stems.stems().get("vocals");
            if (!"mashup".equals(stems.assetKind()) || vocals == null) {
                return Uni.createFrom().voidItem();
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(STEM).setParameter(1, stems.assetId())
                    .setParameter(2, vocals).executeUpdate()).replaceWithVoid();
        }
        var rendered = event.dataAs(EventCatalog.MASHUP_RENDERED);
        return KnownMashup.<KnownMashup>findById(rendered.mashupId()).chain(existing -> {
            KnownMashup mashup = existing != null ? existing : new KnownMashup();
            mashup.id = rendered.mashupId();
            mashup.ownerId = rendered.ownerId();
            mashup.audioKey = rendered.audioObjectKey();
            mashup.visibility = rendered.visibility();
            mashup.durationSec = rendered.durationSec();
            mashup.renderedAt = OffsetDateTime.now();
            Uni<KnownMashup> saved = existing != null ? Uni.createFrom().item(mashup) : mashup.persist();
            return saved.chain(m -> existing != null ? Uni.createFrom().voidItem()
                    : requests.queue(m, null, null).replaceWithVoid());
        });
    }
}
