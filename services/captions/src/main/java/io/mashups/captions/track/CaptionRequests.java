package io.mashups.captions.track;

import io.mashups.jobs.JobStatus;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.mashups.KnownMashup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Queues a mashup's captioning: a new track, or the existing one reset with the new request. */
@ApplicationScoped
public class CaptionRequests {
    private final JobStore jobs;

    public CaptionRequests(JobStore jobs) {
        this.jobs = jobs;
    }

    /** In the caller's transaction: a caption job, and the track asking for it; returns the track. */
    public Uni<CaptionTrack> queue(KnownMashup mashup, String language, String lyrics) {
        return CaptionTrack.<CaptionTrack>findById(mashup.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> jobs.enqueue(
                                CaptionJob.KIND, mashup.ownerId, mashup.id, new CaptionJob.Request(language, lyrics))
                        .chain(job -> {
                            CaptionTrack track = existing != null ? existing : new CaptionTrack();
                            OffsetDateTime now = OffsetDateTime.now();
                            track.mashupId = mashup.id;
                            track.ownerId = mashup.ownerId;
                            track.jobId = job.id;
                            track.status = JobStatus.QUEUED;
                            track.requestedLanguage = language;
                            track.lyrics = lyrics;
                            track.error = null;
                            track.updatedAt = now;
                            if (existing == null) {
                                track.createdAt = now;
                                return Panache.getSession()
                                        .chain(session -> session.persist(track))
                                        .replaceWith(track);
                            }
                            return Uni.createFrom().item(track);
                        }));
    }
}
