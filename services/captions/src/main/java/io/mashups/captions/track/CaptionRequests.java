package io.mashups.captions.track;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Queues a mashup's captioning: a new track, or the existing one reset with the new request. */
@ApplicationScoped
public class CaptionRequests {
    /** In the caller's transaction; returns the track with its new job id. */
    public Uni<CaptionTrack> queue(KnownMashup mashup, String language, String lyrics) {
        return CaptionTrack.<CaptionTrack>findById(mashup.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            CaptionTrack track = existing != null ? existing : new CaptionTrack();
            OffsetDateTime now = OffsetDateTime.now();
            track.mashupId = mashup.id;
            track.ownerId = mashup.ownerId;
            track.jobId = UUID.randomUUID().toString();
            track.status = CaptionTrack.QUEUED;
            track.requestedLanguage = language;
            track.lyrics = lyrics;
            track.attempts = 0;
            track.leaseUntil = null;
            track.error = null;
            track.updatedAt = now;
            if (existing == null) {
                track.createdAt = now;
                return Panache.getSession().chain(session -> session.persist(track)).replaceWith(track);
            }
            return Uni.createFrom().item(track);
        });
    }
}
