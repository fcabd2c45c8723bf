package io.mashups.captions.track;

import static io.mashups.messaging.Blocking.await;

import io.mashups.captions.engine.TranscriptionConfig;
import io.mashups.captions.engine.WhisperClient;
import io.mashups.captions.format.SubtitleFiles;
import io.mashups.events.EventCatalog;
import io.mashups.events.captions.CaptionsCompletedV1;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.mashups.media.WorkDirs;
import org.jboss.logging.Logger;

/**
 * Captions queued tracks one at a time on its own thread. A track is claimed under a lease with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the queue and a dead worker's track is taken again after the
 * lease. A result is recorded only if the track still asks for the job that produced it (a newer request wins).
 * Failures are retried up to max attempts, then reported in the track with the reason.
 */
@ApplicationScoped
public class CaptionWorker {
    private static final Logger LOG = Logger.getLogger(CaptionWorker.class);
    private static final String CLAIMABLE = """
            SELECT mashup_id FROM caption_tracks
            WHERE (status = 'queued' AND updated_at < ?1) OR (status = 'running' AND lease_until < now())
            ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED""";

    private final CaptionConfig config;
    private final ObjectStore store;
    private final Outbox outbox;
    private final Captioner captioner;
    private ScheduledExecutorService thread;

    public CaptionWorker(CaptionConfig config, ObjectStore store, Outbox outbox, TranscriptionConfig transcription) {
        this.config = config;
        this.store = store;
        this.outbox = outbox;
        this.captioner = new Captioner(new WhisperClient(transcription));
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "caption-worker"));
            thread.scheduleWithFixedDelay(this::drain, 1000, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void drain() {
        try {
            CaptionTrack track;
            while ((track = await(this::claim)) != null) {
                process(track);
            }
        } catch (RuntimeException e) {
            LOG.warn("caption worker could not claim work", e);
        }
    }

    /** The next claimable track, now running under this worker's lease; null when there is none. */
    private Uni<CaptionTrack> claim() {
        OffsetDateTime settled = OffsetDateTime.now().minus(config.stemGrace());
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIMABLE, String.class).setParameter(1, settled).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<CaptionTrack>nullItem()
                        : CaptionTrack.<CaptionTrack>findById(ids.get(0), LockModeType.PESSIMISTIC_WRITE).chain(track -> {
                            if (track.attempts >= config.maxAttempts()) {
                                return finish(track, "captioning stopped " + track.attempts + " times"
                                        + (track.error == null ? "" : "; last error: " + track.error)).replaceWith(claim());
                            }
                            track.status = CaptionTrack.RUNNING;
                            track.attempts++;
                            track.leaseUntil = OffsetDateTime.now().plus(config.lease());
                            track.updatedAt = OffsetDateTime.now();
                            return Uni.createFrom().item(track);
                        })));
    }

    private void process(CaptionTrack track) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("captions-" + track.mashupId);
            String audioKey = await(() -> Panache.withSession(() -> VocalStem.<VocalStem>findById(track.mashupId)
                    .chain(stem -> stem != null ? Uni.createFrom().item(stem.objectKey)
                            : KnownMashup.<KnownMashup>findById(track.mashupId).map(mashup -> mashup.audioKey))));
            Path audio = store.download(audioKey, dir.resolve("audio")).await().indefinitely();
            Captioner.Captions captions = captioner.caption(audio, track.requestedLanguage, track.lyrics, dir);
            await(() -> complete(track, captions));
        } catch (IllegalArgumentException unusable) {
            await(() -> fail(track, unusable.getMessage(), true));
        } catch (Exception e) {
            LOG.warnf("captioning %s failed (attempt %d): %s", track.mashupId, track.attempts, e.toString());
            await(() -> fail(track, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), false));
        } finally {
            WorkDirs.delete(dir);
        }
    }

    private Uni<Void> complete(CaptionTrack claimed, Captioner.Captions captions) {
        return Panache.withTransaction(() -> CaptionTrack.<CaptionTrack>findById(claimed.mashupId, LockModeType.PESSIMISTIC_WRITE)
                .chain(track -> {
                    if (!stillWanted(track, claimed)) {
                        return Uni.createFrom().voidItem();
                    }
                    List<CueJson.Segment> segments = CueJson.segments(captions.cues().cues(), captions.transcript().words());
                    track.status = CaptionTrack.COMPLETED;
                    track.language = captions.transcript().language();
                    track.engine = captions.transcript().engine();
                    track.lowConfidence = captions.transcript().lowConfidence();
                    track.cues = CueJson.write(segments);
                    track.crowded = CueJson.write(captions.cues().crowded());
                    track.srt = SubtitleFiles.srt(captions.cues().cues());
                    track.vtt = SubtitleFiles.vtt(captions.cues().cues());
                    track.txt = SubtitleFiles.txt(captions.cues().cues());
                    track.edited = false;
                    track.error = null;
                    track.leaseUntil = null;
                    track.updatedAt = OffsetDateTime.now();
                    return outbox.add(EventCatalog.CAPTIONS_COMPLETED, track.mashupId, new CaptionsCompletedV1(track.mashupId,
                            track.ownerId, track.language, track.engine, segments.size(), null)).replaceWithVoid();
                }));
    }

    private Uni<Void> fail(CaptionTrack claimed, String reason, boolean permanent) {
        return Panache.withTransaction(() -> CaptionTrack.<CaptionTrack>findById(claimed.mashupId, LockModeType.PESSIMISTIC_WRITE)
                .chain(track -> {
                    if (!stillWanted(track, claimed)) {
                        return Uni.createFrom().voidItem();
                    }
                    if (permanent || track.attempts >= config.maxAttempts()) {
                        return finish(track, reason);
                    }
                    track.status = CaptionTrack.QUEUED;
                    track.error = reason;
                    track.leaseUntil = null;
                    track.updatedAt = OffsetDateTime.now();
                    return Uni.createFrom().voidItem();
                }));
    }

    private Uni<Void> finish(CaptionTrack track, String reason) {
        track.status = CaptionTrack.FAILED;
        track.error = reason;
        track.leaseUntil = null;
        track.updatedAt = OffsetDateTime.now();
        return outbox.add(EventCatalog.CAPTIONS_COMPLETED, track.mashupId, new CaptionsCompletedV1(track.mashupId, track.ownerId,
                track.requestedLanguage, null, 0, reason)).replaceWithVoid();
    }

    private static boolean stillWanted(CaptionTrack track, CaptionTrack claimed) {
        return track != null && CaptionTrack.RUNNING.equals(track.status) && track.jobId.equals(claimed.jobId);
    }
}
