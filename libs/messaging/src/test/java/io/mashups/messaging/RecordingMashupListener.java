package io.mashups.messaging;

import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.mashups.MashupListener;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records every call the mashup projection makes, so a test sees each was made once and only when due. */
@ApplicationScoped
public class RecordingMashupListener implements MashupListener {
    @Override
    public Uni<Void> rendered(KnownMashup mashup) {
        return record(mashup, "rendered");
    }

    @Override
    public Uni<Void> blocked(KnownMashup mashup) {
        return record(mashup, "blocked");
    }

    @Override
    public Uni<Void> deleted(KnownMashup mashup) {
        return record(mashup, "deleted");
    }

    private static Uni<Void> record(KnownMashup mashup, String call) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO mashup_calls VALUES (?1, ?2)")
                        .setParameter(1, mashup.id)
                        .setParameter(2, call)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
