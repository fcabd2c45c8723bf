package io.mashups.messaging.mashups;

import io.mashups.events.CloudEvent;
import io.mashups.events.EventCatalog;
import io.mashups.events.EventJson;
import io.mashups.events.EventType;
import io.mashups.messaging.consumer.EventDelivery;
import io.mashups.messaging.consumer.EventHandler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one projection of audio-pipeline's mashups for the services that consume them (captions, attribution,
 * community): owner, title, audio, visibility, deletion and the latest Content ID verdict, in {@code known_mashups}.
 * Its channel is on where {@code mashups.mashup-projection.enabled} is. The three topics are read by one consumer in
 * no fixed order across topics, so a change or verdict that arrives before its render is kept and the render fills
 * in the rest; a deletion leaves a tombstone.
 */
@ApplicationScoped
public class MashupProjection implements EventHandler {
    private final EventDelivery delivery;
    private final List<MashupListener> listeners;

    public MashupProjection(EventDelivery delivery, Instance<MashupListener> listeners) {
        this.delivery = delivery;
        this.listeners = listeners.stream().toList();
    }

    @Override
    public String name() {
        return "mashup-projection";
    }

    @Incoming("mashup-projection")
    Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        return delivery.apply(this, record);
    }

    @Override
    public Set<EventType<?>> eventTypes() {
        return Set.of(EventCatalog.MASHUP_RENDERED, EventCatalog.MASHUP_CHANGED, EventCatalog.ATTRIBUTION_VERDICT);
    }

    @Override
    public Uni<Void> apply(CloudEvent event) {
        if (event.is(EventCatalog.MASHUP_RENDERED)) {
            return rendered(event);
        }
        if (event.is(EventCatalog.MASHUP_CHANGED)) {
            return changed(event);
        }
        var verdict = event.dataAs(EventCatalog.ATTRIBUTION_VERDICT);
        OffsetDateTime decidedAt = verdict.decidedAt().atOffset(ZoneOffset.UTC);
        return known(verdict.mashupId(), verdict.ownerId()).chain(mashup -> {
            if (mashup.verdictAt != null && mashup.verdictAt.isAfter(decidedAt)) {
                return Uni.createFrom().voidItem(); // an older verdict arriving late
            }
            boolean wasBlocked = mashup.blocked();
            mashup.verdict = ContentIdVerdict.of(verdict.verdict());
            mashup.verdictAt = decidedAt;
            return mashup.blocked() && !wasBlocked && mashup.live()
                    ? notify(l -> l.blocked(mashup))
                    : Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> rendered(CloudEvent event) {
        var rendered = event.dataAs(EventCatalog.MASHUP_RENDERED);
        return KnownMashup.<KnownMashup>findById(rendered.mashupId()).chain(existing -> {
            if (existing != null && (existing.audioKey != null || existing.deleted)) {
                return Uni.createFrom().voidItem(); // known already, or deleted before its render arrived
            }
            KnownMashup mashup = existing != null ? existing : placeholder(rendered.mashupId(), rendered.ownerId());
            if (existing == null) {
                mashup.visibility = Visibility.of(rendered.visibility());
            }
            if (mashup.title == null) {
                // a change that arrived first is newer than the render: its title and visibility stay
                mashup.title = rendered.title();
            }
            mashup.audioKey = rendered.audioObjectKey();
            mashup.durationSec = rendered.durationSec();
            mashup.sources =
                    rendered.sourceUploadIds() == null ? "[]" : EventJson.writeString(rendered.sourceUploadIds());
            mashup.renderedAt = event.time().atOffset(ZoneOffset.UTC);
            Uni<KnownMashup> saved = existing != null ? Uni.createFrom().item(mashup) : mashup.persist();
            return saved.chain(m -> notify(l -> l.rendered(m)));
        });
    }

    private Uni<Void> changed(CloudEvent event) {
        var changed = event.dataAs(EventCatalog.MASHUP_CHANGED);
        return known(changed.mashupId(), changed.ownerId()).chain(mashup -> {
            if (mashup.deleted) {
                return Uni.createFrom().voidItem();
            }
            if (changed.deleted()) {
                boolean wasLive = mashup.live();
                mashup.deleted = true;
                return wasLive
                        ? notify(l -> l.deleted(mashup))
                        : Uni.createFrom().voidItem();
            }
            mashup.title = changed.title();
            mashup.visibility = Visibility.of(changed.visibility());
            return Uni.createFrom().voidItem();
        });
    }

    /** The row for a mashup, made (without audio) when its render has not arrived yet. */
    private static Uni<KnownMashup> known(String id, String ownerId) {
        return KnownMashup.<KnownMashup>findById(id)
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : placeholder(id, ownerId).persist());
    }

    private static KnownMashup placeholder(String id, String ownerId) {
        KnownMashup mashup = new KnownMashup();
        mashup.id = id;
        mashup.ownerId = ownerId;
        mashup.visibility = Visibility.PRIVATE;
        return mashup;
    }

    private Uni<Void> notify(Function<MashupListener, Uni<? extends Void>> call) {
        return Multi.createFrom()
                .iterable(listeners)
                .onItem()
                .transformToUniAndConcatenate(call)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
