package io.mashups.audio.vocals;

import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.generation.AiQuota;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobFollowers;
import io.mashups.jobs.JobStatus;
import io.mashups.jobs.JobStore;
import io.mashups.storage.ObjectStore;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Starting, following and cancelling AI vocals within the caller's plan (they count as AI generations), and the
 * voices of the engines. Everything a request can get wrong is refused before a job exists.
 */
@ApplicationScoped
public class VocalsService {
    private static final Logger LOG = Logger.getLogger(VocalsService.class);
    static final Map<VocalStyle, Double> DEFAULT_BPM =
            Map.of(VocalStyle.SINGING, 96.0, VocalStyle.RAP, 92.0, VocalStyle.SPOKEN, 100.0);
    static final String DEFAULT_KEY = "C major";

    private final JobStore jobs;
    private final JobFollowers followers;
    private final AiQuota quota;
    private final VocalEngines engines;
    private final VocalsConfig config;
    private final ObjectStore store;
    private final MashupService mashups;

    public VocalsService(
            JobStore jobs,
            JobFollowers followers,
            AiQuota quota,
            VocalEngines engines,
            VocalsConfig config,
            ObjectStore store,
            MashupService mashups) {
        this.jobs = jobs;
        this.followers = followers;
        this.quota = quota;
        this.engines = engines;
        this.config = config;
        this.store = store;
        this.mashups = mashups;
    }

    /** What the request asks, checked as far as it can be without the database. */
    private record Draft(
            List<String> lines, VocalStyle style, VocalEngine engine, String voice, VocalRequest request) {}

    public Uni<Job> start(String userId, VocalRequest request, String idempotencyKey) {
        Draft draft = draft(request);
        return knownVoice(draft)
                .chain(() -> Panache.withTransaction(() -> jobs.submitOnce(
                        userId,
                        idempotencyKey,
                        () -> order(userId, draft)
                                .call(order -> quota.check(userId, VocalJob.KIND, "vocals"))
                                .chain(order -> jobs.enqueue(VocalJob.KIND, userId, null, order, idempotencyKey)))));
    }

    public Uni<VocalJobView> status(String userId, String jobId) {
        return Panache.withSession(() -> jobs.owned(userId, VocalJob.KIND, jobId)
                .chain(job -> job.status != JobStatus.COMPLETED
                        ? Uni.createFrom().item(VocalJobView.of(job.state(), null))
                        : Vocal.<Vocal>findById(job.id)
                                .map(vocal -> VocalJobView.of(job.state(), vocal == null ? null : view(vocal)))));
    }

    public Uni<VocalJobView> cancel(String userId, String jobId) {
        return jobs.cancel(userId, VocalJob.KIND, jobId).map(job -> VocalJobView.of(job.state(), null));
    }

    /** Progress from whichever replica runs the job; the stream ends after the job does. */
    public Uni<Multi<VocalJobView>> follow(String userId, String jobId) {
        return followers
                .follow(userId, VocalJob.KIND, jobId)
                .map(states -> states.map(state -> VocalJobView.of(state, null)));
    }

    /** Every engine's voices; a provider without its key, or whose API fails, is listed unavailable with why. */
    public Uni<VoicesView> voices() {
        return VertxContextSupport.executeBlocking(() -> {
            List<VocalVoice> voices = new ArrayList<>();
            List<VoicesView.EngineView> listed = new ArrayList<>();
            for (VocalEngine engine : engines.all()) {
                String reason = engine.available() ? null : "not configured: no API key";
                try {
                    voices.addAll(engine.voices());
                } catch (Exception e) {
                    LOG.warnf("voices of %s could not be listed: %s", engine.id(), e.getMessage());
                    reason = "its API could not be reached";
                }
                listed.add(new VoicesView.EngineView(engine.id(), reason == null, reason));
            }
            return new VoicesView(voices, listed, config.defaultVoice());
        });
    }

    VocalView view(Vocal vocal) {
        return new VocalView(
                vocal.id,
                store.presignGet(vocal.audioKey, Optional.of("vocal-" + vocal.id + ".mp3"))
                        .toString(),
                store.presignGet("uploads/" + vocal.uploadId, Optional.of("vocal-" + vocal.id + ".flac"))
                        .toString(),
                vocal.uploadId,
                vocal.engine,
                vocal.voiceId,
                vocal.style,
                vocal.bpm,
                vocal.musicalKey,
                vocal.durationSec,
                vocal.mashupId,
                vocal.createdAt);
    }

    private Draft draft(VocalRequest request) {
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> lines = Lyrics.lines(request.lyrics(), problems);
        VocalStyle style = request.style() == null
                ? VocalStyle.SINGING
                : VocalStyle.parse(request.style()).orElse(null);
        if (style == null) {
            problems.put("style", "must be one of rap, singing, spoken");
        }
        String voiceId = request.voiceId() == null ? config.defaultVoice() : request.voiceId();
        int colon = voiceId.indexOf(':');
        VocalEngine engine =
                colon > 0 ? engines.get(voiceId.substring(0, colon)).orElse(null) : null;
        String voice = colon > 0 ? voiceId.substring(colon + 1) : "";
        if (engine == null || voice.isEmpty()) {
            problems.put("voiceId", "must be one of the ids GET /api/ai/vocals/voices lists");
        }
        if (request.key() != null && MusicalKey.parse(request.key()).isEmpty()) {
            problems.put("key", "must be a key such as \"F# minor\", \"Am\" or a Camelot code such as \"8A\"");
        }
        if (request.melodyRef() != null && style != VocalStyle.SINGING) {
            problems.put("melodyRef", "only singing follows a melody");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (!engine.available()) {
            throw new ProblemException(Problem.of(
                    422, "voice-unavailable", "Voice unavailable", "The " + engine.id() + " engine is not configured"));
        }
        engine.cannotSing(lines).ifPresent(reason -> {
            throw new ProblemException(Problem.of(422, "unsupported-language", "Language not supported", reason));
        });
        return new Draft(lines, style, engine, voice, request);
    }

    /** Refuses a voice its engine does not list (a provider is asked, off the event loop; its failure is a 502). */
    private Uni<Void> knownVoice(Draft draft) {
        return VertxContextSupport.executeBlocking(() -> {
                    try {
                        return draft.engine().voices();
                    } catch (Exception e) {
                        LOG.warnf(
                                "voices of %s could not be listed: %s",
                                draft.engine().id(), e.toString());
                        throw new ProblemException(Problem.of(
                                502,
                                "provider-unavailable",
                                "Voice provider unavailable",
                                "The " + draft.engine().id()
                                        + " API could not be reached to check the voice; try again later"));
                    }
                })
                .map(voices -> {
                    String id = draft.engine().id() + ":" + draft.voice();
                    if (voices.stream().noneMatch(voice -> voice.id().equals(id))) {
                        throw ProblemException.invalid(
                                Map.of("voiceId", "must be one of the ids GET /api/ai/vocals/voices lists"));
                    }
                    return null;
                });
    }

    /** Tempo and key from the mashup, the request or the defaults; the melody reference checked. */
    private Uni<VocalOrder> order(String userId, Draft draft) {
        VocalRequest request = draft.request();
        Uni<VocalOrder> order = request.mashupId() != null
                ? mashups.visible(userId, request.mashupId())
                        .map(mashup -> build(
                                draft,
                                mashup.bpm,
                                Optional.ofNullable(mashup.musicalKey)
                                        .flatMap(MusicalKey::parse)
                                        .map(MusicalKey::name)
                                        .orElse(DEFAULT_KEY)))
                : Uni.createFrom()
                        .item(build(
                                draft,
                                request.bpm() != null ? request.bpm() : DEFAULT_BPM.get(draft.style()),
                                request.key() != null
                                        ? MusicalKey.parse(request.key())
                                                .orElseThrow()
                                                .name()
                                        : DEFAULT_KEY));
        return request.melodyRef() == null ? order : order.call(() -> melodyReference(userId, request.melodyRef()));
    }

    private static VocalOrder build(Draft draft, double bpm, String key) {
        return new VocalOrder(
                draft.lines(),
                draft.style().wire(),
                draft.engine().id(),
                draft.voice(),
                bpm,
                key,
                draft.request().melodyRef(),
                draft.request().mashupId());
    }

    private static Uni<Void> melodyReference(String userId, String uploadId) {
        return Upload.<Upload>findById(uploadId)
                .invoke(upload -> {
                    if (upload == null || !upload.ownerId.equals(userId)) {
                        throw ProblemException.notFound("Upload", uploadId);
                    }
                    if (upload.status != UploadStatus.STORED) {
                        throw ProblemException.unprocessable("melodyRef must be stored audio; the upload is "
                                + upload.status.wire()
                                + (upload.rejectionReason == null ? "" : " (" + upload.rejectionReason + ")"));
                    }
                })
                .replaceWithVoid();
    }
}
