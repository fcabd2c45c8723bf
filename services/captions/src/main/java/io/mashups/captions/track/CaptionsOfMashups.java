package io.mashups.captions.track;

import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.mashups.MashupListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * A newly rendered mashup is captioned by itself (one rendered long ago, replayed from the topic, is not); a deleted
 * mashup takes its captions and its vocal stem with it.
 */
@ApplicationScoped
public class CaptionsOfMashups implements MashupListener {
    private final CaptionService captions;
    private final CaptionConfig config;

    public CaptionsOfMashups(CaptionService captions, CaptionConfig config) {
        this.captions = captions;
        this.config = config;
    }

    @Override
    public Uni<Void> rendered(KnownMashup mashup) {
        boolean recent = mashup.renderedAt.isAfter(OffsetDateTime.now().minus(config.autoCaptionWithin()));
        return recent
                ? captions.captionNewMashup(mashup).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> deleted(KnownMashup mashup) {
        return CaptionTrack.deleteById(mashup.id)
                .chain(() -> VocalStem.deleteById(mashup.id))
                .replaceWithVoid();
    }
}
