package io.mashups.captions.track;

import static io.mashups.messaging.Blocking.await;

import io.mashups.captions.engine.Transcriber;
import io.mashups.captions.format.SubtitleFiles;
import io.mashups.events.EventCatalog;
import io.mashups.events.captions.CaptionsCompletedV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.jobs.JobStatus;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Captioning a mashup, a kind of the job engine (libs/jobs: leases, retries, progress). A result is recorded only if
 * the mashup's track still asks for the job that produced it (a newer request wins); a failure for good is reported
 * in the track with its reason and announced like a result.
 */
@ApplicationScoped
public class CaptionJob implements JobExecutor {
    public static final String KIND = "captions";

    private final CaptionConfig config;
    private final ObjectStore store;
    private final Outbox outbox;
    private final Captioner captioner;

    public CaptionJob(CaptionConfig config, ObjectStore store, Outbox outbox, Transcriber transcriber) {
        this.config = config;
        this.store = store;
        this.outbox = outbox;
        this.captioner = new Captioner(transcriber);
    }

    /** What a caption job is asked: the language and lyrics of the request (the mashup is the job's subject). */
    record Request(String language, String lyrics) {}

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        Request request = job.request(Request.class);
        KnownMashup mashup = await(() -> Panache.withSession(() -> KnownMashup.live(job.subjectId)));
        if (mashup == null) {
            throw new JobFailure("the mashup " + job.subjectId + " is gone");
        }
        awaitStems(mashup);
        if (!await(() -> markRunning(job))) {
            return () -> Uni.createFrom().nullItem(); // a newer request replaced this one: nothing to do
        }
        context.progress("fetching audio", 10);
        String audioKey = await(() -> Panache.withSession(() ->
                VocalStem.<VocalStem>findById(mashup.id).map(stem -> stem != null ? stem.objectKey : mashup.audioKey)));
        Path audio = store.download(audioKey, context.workDir().resolve("audio"))
                .await()
                .indefinitely();
        context.progress("captioning", 30);
        Captioner.Captions captions;
        try {
            captions = captioner.caption(audio, request.language(), request.lyrics(), context.workDir());
        } catch (IllegalArgumentException unusable) {
            throw new JobFailure(unusable.getMessage());
        }
        return () -> record(job, captions).replaceWith(job.subjectId);
    }

    /**
     * audio.stems-ready and audio.mashup-rendered travel on different topics: a new mashup's vocal stem, when there
     * is one, should be known before captioning listens to the whole mix.
     */
    private void awaitStems(KnownMashup mashup) throws InterruptedException {
        Duration sinceRendered = Duration.between(mashup.renderedAt, OffsetDateTime.now());
        if (sinceRendered.compareTo(config.stemGrace()) < 0) {
            Thread.sleep(config.stemGrace().minus(sinceRendered).toMillis());
        }
    }

    private Uni<Boolean> markRunning(Job job) {
        return Panache.withTransaction(() -> wanted(job).map(track -> {
            if (track != null) {
                track.status = JobStatus.RUNNING;
                track.updatedAt = OffsetDateTime.now();
            }
            return track != null;
        }));
    }

    private Uni<Void> record(Job job, Captioner.Captions captions) {
        return wanted(job).chain(track -> {
            if (track == null) {
                return Uni.createFrom().voidItem();
            }
            List<CueJson.Segment> segments = CueJson.segments(
                    captions.cues().cues(), captions.transcript().words());
            track.status = JobStatus.COMPLETED;
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
            track.updatedAt = OffsetDateTime.now();
            return outbox.add(
                            EventCatalog.CAPTIONS_COMPLETED,
                            track.mashupId,
                            new CaptionsCompletedV1(
                                    track.mashupId, track.ownerId, track.language, track.engine, segments.size(), null))
                    .replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> failed(Job job) {
        return wanted(job).chain(track -> {
            if (track == null) {
                return Uni.createFrom().voidItem();
            }
            track.status = JobStatus.FAILED;
            track.error = job.error;
            track.updatedAt = OffsetDateTime.now();
            return outbox.add(
                            EventCatalog.CAPTIONS_COMPLETED,
                            track.mashupId,
                            new CaptionsCompletedV1(
                                    track.mashupId, track.ownerId, track.requestedLanguage, null, 0, job.error))
                    .replaceWithVoid();
        });
    }

    /** The mashup's track, locked, if it still asks for this job; null when a newer request or a deletion won. */
    private static Uni<CaptionTrack> wanted(Job job) {
        return CaptionTrack.<CaptionTrack>findById(job.subjectId, LockModeType.PESSIMISTIC_WRITE)
                .map(track -> track != null && track.jobId.equals(job.id) ? track : null);
    }
}
