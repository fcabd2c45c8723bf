package io.mashups.attribution.matching;

import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.mashups.MashupListener;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A rendered mashup is fingerprinted against the catalogue; a deleted one's attribution goes with it. */
@ApplicationScoped
public class MashupFingerprints implements MashupListener {
    private final AttributionService attributions;

    public MashupFingerprints(AttributionService attributions) {
        this.attributions = attributions;
    }

    @Override
    public Uni<Void> rendered(KnownMashup mashup) {
        return attributions.fingerprintIfRecent(
                Subject.MASHUP, mashup.id, mashup.ownerId, mashup.audioKey, mashup.renderedAt);
    }

    @Override
    public Uni<Void> deleted(KnownMashup mashup) {
        return attributions.forget(mashup.id);
    }
}
