package io.mashups.attribution.matching;

import io.mashups.attribution.audio.AudioFingerprinter;
import io.mashups.attribution.audio.KnownUpload;
import io.mashups.attribution.chromaprint.AcoustIdClient;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.contentid.Verdict;
import io.mashups.attribution.contentid.VerdictService;
import io.mashups.attribution.contentid.VerdictView;
import io.mashups.attribution.fingerprint.Match;
import io.mashups.events.EventCatalog;
import io.mashups.events.attribution.AttributionCompletedV1;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fingerprint matching of uploads and mashups: on request for a user's own upload (nothing stored), and by itself
 * for every announced upload and mashup, whose sources are stored, published as attribution.completed and, for a
 * mashup, judged by Content ID.
 */
@ApplicationScoped
public class AttributionService {
    private final AudioFingerprinter fingerprinter;
    private final SourceFinder finder;
    private final VerdictService verdicts;
    private final Outbox outbox;
    private final AttributionConfig config;
    private final JobStore jobs;
    private final Vertx vertx;

    public AttributionService(
            AudioFingerprinter fingerprinter,
            SourceFinder finder,
            VerdictService verdicts,
            Outbox outbox,
            AttributionConfig config,
            JobStore jobs,
            Vertx vertx) {
        this.vertx = vertx;
        this.fingerprinter = fingerprinter;
        this.finder = finder;
        this.verdicts = verdicts;
        this.outbox = outbox;
        this.config = config;
        this.jobs = jobs;
    }

    /**
     * Queues the fingerprinting of an announced upload or mashup in the caller's transaction (the job engine runs it
     * on a worker); audio announced before {@code auto-attribute-within} (a replayed topic) is left alone.
     */
    public Uni<Void> fingerprintIfRecent(
            Subject subjectKind, String subjectId, String ownerId, String objectKey, OffsetDateTime announcedAt) {
        if (announcedAt.isBefore(OffsetDateTime.now().minus(config.autoAttributeWithin()))) {
            return Uni.createFrom().voidItem();
        }
        return jobs.enqueueBackground(
                        FingerprintJob.KIND, ownerId, subjectId, new FingerprintJob.Request(subjectKind, objectKey))
                .replaceWithVoid();
    }

    /** A deleted mashup's attribution (and its sources) goes with it; verdicts stay as the rights holders' record. */
    public Uni<Void> forget(String subjectId) {
        return Attribution.deleteById(subjectId).replaceWithVoid();
    }

    /**
     * Matches one of the caller's uploads against the catalogue (and AcoustID when configured). Attribution learns of
     * uploads from {@code audio.upload-stored}, a moment after audio-pipeline stored one: an upload it does not know
     * yet is looked for again for up to {@code identify-wait}, each look a session of its own (no connection is held
     * while waiting), so one completed a moment ago is identified, not a 404.
     */
    public Uni<IdentifyView> identify(String userId, String uploadId) {
        return learnt(uploadId, System.nanoTime() + config.identifyWait().toNanos())
                .chain(upload -> {
                    if (upload == null || !upload.ownerId.equals(userId)) {
                        throw ProblemException.notFound("upload", uploadId);
                    }
                    return VertxContextSupport.executeBlocking(() -> listen(upload.objectKey, finder.acoustIdEnabled()))
                            .chain(heard -> Panache.withSession(() -> finder.catalogueSources(heard.matches()))
                                    .map(sources -> new IdentifyView(
                                            uploadId,
                                            heard.durationSec(),
                                            sources.stream().map(SourceView::of).toList(),
                                            finder.acoustIdEnabled(),
                                            heard.recordings())));
                });
    }

    /** The upload as attribution knows it, looking again every 100 ms until the deadline; null if still unknown. */
    private Uni<KnownUpload> learnt(String uploadId, long deadline) {
        return Panache.withSession(() -> KnownUpload.<KnownUpload>findById(uploadId))
                .chain(upload -> upload != null || System.nanoTime() > deadline
                        ? Uni.createFrom().item(upload)
                        : Uni.createFrom()
                                .<Void>emitter(later -> vertx.setTimer(100, timer -> later.complete(null)))
                                .chain(() -> learnt(uploadId, deadline)));
    }

    /**
     * Fingerprints stored audio and matches it against the catalogue (and AcoustID for an upload, when configured);
     * blocking, on a job's worker thread. Audio that cannot be fetched or decoded is a ProblemException.
     */
    public Heard listen(Subject kind, String objectKey) {
        return listen(objectKey, kind == Subject.UPLOAD && finder.acoustIdEnabled());
    }

    private Heard listen(String objectKey, boolean lookUp) {
        var fingerprinted = fingerprinter.fingerprint(objectKey, lookUp);
        return new Heard(
                fingerprinted.landmarks().durationSec(),
                finder.catalogueMatches(fingerprinted.landmarks()),
                finder.recordings(fingerprinted.chromaprint()));
    }

    /** What listening found: the audio's length, its catalogue matches, the recordings AcoustID named. */
    public record Heard(double durationSec, List<Match> matches, List<AcoustIdClient.Recording> recordings) {}

    /** Stores what an announced upload or mashup contains and announces it, in the caller's transaction. */
    public Uni<Void> record(Subject kind, String subjectId, String ownerId, Heard heard) {
        return finder.catalogueSources(heard.matches()).chain(found -> {
            List<AttributionSource> sources = new ArrayList<>(found);
            for (AcoustIdClient.Recording recording : heard.recordings()) {
                if (recording.score() * 100 >= config.reportConfidence()) {
                    sources.add(finder.fromRecording(recording, heard.durationSec()));
                }
            }
            sources.sort(Comparator.comparingInt((AttributionSource s) -> s.confidence)
                    .reversed());
            return record(kind, subjectId, ownerId, heard.durationSec(), sources);
        });
    }

    private Uni<Void> record(
            Subject kind, String subjectId, String ownerId, double durationSec, List<AttributionSource> sources) {
        return replace(kind, subjectId, ownerId, AttributionStatus.COMPLETED, null, durationSec)
                .chain(() -> {
                    Uni<Void> saved = Uni.createFrom().voidItem();
                    for (AttributionSource source : sources) {
                        source.subjectId = subjectId;
                        saved = saved.chain(() -> source.persist()).replaceWithVoid();
                    }
                    return saved;
                })
                .chain(() -> outbox.add(
                        EventCatalog.ATTRIBUTION_COMPLETED,
                        subjectId,
                        new AttributionCompletedV1(
                                kind.wire(),
                                subjectId,
                                ownerId,
                                sources.stream()
                                        .map(s -> new AttributionCompletedV1.Source(
                                                s.referenceId, s.title, s.artist, s.confidence))
                                        .toList())))
                .chain(() -> kind == Subject.MASHUP
                        ? verdicts.decide(subjectId, ownerId, sources)
                        : Uni.createFrom().voidItem());
    }

    /** An announced upload or mashup could not be attributed: recorded with the reason, in the caller's transaction. */
    public Uni<Void> failed(Subject kind, String subjectId, String ownerId, String error) {
        return replace(kind, subjectId, ownerId, AttributionStatus.FAILED, error, null);
    }

    /** The subject's attribution row, replacing an earlier one and its sources. */
    private static Uni<Void> replace(
            Subject kind,
            String subjectId,
            String ownerId,
            AttributionStatus status,
            String error,
            Double durationSec) {
        return AttributionSource.delete("subjectId", subjectId)
                .chain(() -> Attribution.deleteById(subjectId))
                .chain(() -> {
                    Attribution attribution = new Attribution();
                    attribution.subjectId = subjectId;
                    attribution.subjectKind = kind;
                    attribution.ownerId = ownerId;
                    attribution.status = status;
                    attribution.error = error;
                    attribution.durationSec = durationSec;
                    attribution.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return attribution.persist();
                })
                .replaceWithVoid();
    }

    /** What matching found in one of the caller's uploads or mashups (administrators may read any). */
    @WithSession
    public Uni<AttributionView> view(String userId, boolean admin, Subject kind, String subjectId) {
        Uni<String> owner = kind == Subject.MASHUP
                ? KnownMashup.live(subjectId).map(m -> m == null ? null : m.ownerId)
                : KnownUpload.<KnownUpload>findById(subjectId).map(u -> u == null ? null : u.ownerId);
        return owner.chain(ownerId -> {
                    if (ownerId == null || !(admin || ownerId.equals(userId))) {
                        throw ProblemException.notFound(kind.wire(), subjectId);
                    }
                    return Attribution.<Attribution>findById(subjectId);
                })
                .chain(attribution -> {
                    if (attribution == null) {
                        return Uni.createFrom()
                                .item(new AttributionView(
                                        subjectId,
                                        kind.wire(),
                                        AttributionStatus.PENDING.wire(),
                                        null,
                                        null,
                                        List.of(),
                                        null));
                    }
                    return AttributionSource.<AttributionSource>list(
                                    "subjectId = ?1 order by confidence desc", subjectId)
                            .chain(sources -> Verdict.<Verdict>findById(subjectId)
                                    .map(verdict -> new AttributionView(
                                            subjectId,
                                            kind.wire(),
                                            attribution.status.wire(),
                                            attribution.error,
                                            attribution.completedAt,
                                            sources.stream().map(SourceView::of).toList(),
                                            verdict == null ? null : VerdictView.of(verdict))));
                });
    }
}
