package io.mashups.audio.cover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.audio.mashup.Mashup;
import io.mashups.jobs.JobStatus;
import io.mashups.jobs.JobStore;
import io.mashups.json.Json;
import io.mashups.storage.ObjectStore;
import io.mashups.web.Hashes;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Server-rendered covers: the one asked for is served from storage when its current version is there, and otherwise
 * rendered as a job (one per mashup and version, however many ask at once) that the request waits for; a renamed
 * mashup's default cover is rendered again as soon as the rename is announced.
 */
@ApplicationScoped
public class CoverService {
    /** Part of every version: bump it when the drawing changes, so stored covers are drawn again. */
    static final String RENDERER_VERSION = "1";

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CURRENT = "SELECT object_key FROM covers WHERE mashup_id = ?1 AND template = ?2 "
            + "AND size = ?3 AND format = ?4 AND version = ?5";
    private static final String LIVE_JOB = "SELECT id FROM jobs WHERE kind = 'cover' AND subject_id = ?1 "
            + "AND request = ?2 AND status IN ('queued', 'running') LIMIT 1";
    private static final String JOB_STATUS = "SELECT status FROM jobs WHERE id = ?1";

    private final JobStore jobs;
    private final ObjectStore store;

    public CoverService(JobStore jobs, ObjectStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    /** Where the cover is: what {@code GET /api/thumbnails/{id}} redirects to. {@code userId} null: anonymous. */
    public Uni<URI> thumbnail(String userId, String mashupId, String template, String size, String format) {
        CoverSize coverSize = parse(size, CoverSize.SQUARE, CoverSize::of, "size", "1080x1080, 1200x630 or 3000x3000");
        CoverFormat coverFormat = parse(format, CoverFormat.PNG, CoverFormat::of, "format", "png or jpg");
        Optional<CoverTemplate> asked = template == null
                ? Optional.empty()
                : Optional.of(parse(template, null, CoverTemplate::of, "template", templates()));
        return Panache.withTransaction(() -> Mashup.<Mashup>findById(mashupId).chain(mashup -> {
                    if (mashup == null
                            || !(userId != null ? mashup.visibleTo(userId) : mashup.visibility.readableByOthers())) {
                        throw ProblemException.notFound("Mashup", mashupId);
                    }
                    CoverTemplate chosen = asked.orElseGet(() -> defaultTemplate(mashup));
                    CoverOrder order = order(mashup, chosen, coverSize, coverFormat);
                    return current(mashupId, order)
                            .chain(key -> key.isPresent()
                                    ? Uni.createFrom().item(new Pending(order, key.get(), null))
                                    : queue(mashup, order).map(job -> new Pending(order, null, job)));
                }))
                .chain(pending -> pending.key != null
                        ? Uni.createFrom().item(pending.key)
                        : rendered(mashupId, pending.order, pending.jobId))
                .map(key -> store.presignGet(key, Optional.empty()));
    }

    /** The owner's choice of template for the mashup's covers; 404 for those who cannot see it, 403 for others. */
    public Uni<CoverView> choose(String userId, String mashupId, String template) {
        CoverTemplate chosen = parse(template, null, CoverTemplate::of, "template", templates());
        return Panache.withTransaction(() -> Mashup.<Mashup>findById(mashupId).chain(mashup -> {
            if (mashup == null || !mashup.visibleTo(userId)) {
                throw ProblemException.notFound("Mashup", mashupId);
            }
            if (!mashup.ownerId.equals(userId)) {
                throw ProblemException.forbidden("Only the mashup's owner chooses its cover");
            }
            mashup.coverTemplate = chosen.wire();
            return refresh(mashup).replaceWith(new CoverView(mashupId, chosen.wire(), "/api/thumbnails/" + mashupId));
        }));
    }

    /** Renders the mashup's default cover again when it is out of date (a rename); in the caller's transaction. */
    public Uni<Void> refresh(Mashup mashup) {
        CoverOrder order = order(mashup, defaultTemplate(mashup), CoverSize.SQUARE, CoverFormat.PNG);
        return current(mashup.id, order)
                .chain(key -> key.isPresent()
                        ? Uni.createFrom().voidItem()
                        : queue(mashup, order).replaceWithVoid());
    }

    /** What a mashup's cover is drawn from: its stored waveform file (peaks, and sections and bar length if kept). */
    static CoverArt art(Mashup mashup, JsonNode waveform) {
        JsonNode peakValues = waveform.path("peaks");
        float[] peaks = new float[peakValues.size()];
        for (int i = 0; i < peaks.length; i++) {
            peaks[i] = (float) peakValues.get(i).asDouble();
        }
        double duration = waveform.path("durationSec").asDouble(mashup.durationSec);
        List<CoverArt.Section> sections = new ArrayList<>();
        for (JsonNode section : waveform.path("sections")) {
            sections.add(new CoverArt.Section(
                    section.path("fromSec").asDouble() / duration,
                    section.path("toSec").asDouble() / duration,
                    section.path("bed").asInt()));
        }
        double barSec = waveform.path("barSec").asDouble(0);
        int bars = barSec > 0 ? (int) Math.round(duration / barSec) : 0;
        return new CoverArt(
                printable(mashup.title), printable(mashup.creatorName), peaks, sections, bars, mashup.id.hashCode());
    }

    private static CoverOrder order(Mashup mashup, CoverTemplate template, CoverSize size, CoverFormat format) {
        String drawn = String.join(
                "\u0000",
                RENDERER_VERSION,
                mashup.title,
                String.valueOf(mashup.creatorName),
                template.wire(),
                size.wire(),
                format.extension);
        return new CoverOrder(
                template.wire(),
                size.wire(),
                format.extension,
                Hashes.sha256Hex(drawn).substring(0, 16));
    }

    private Uni<Optional<String>> current(String mashupId, CoverOrder order) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CURRENT, String.class)
                        .setParameter(1, mashupId)
                        .setParameter(2, order.template())
                        .setParameter(3, order.size())
                        .setParameter(4, order.format())
                        .setParameter(5, order.version())
                        .getResultList())
                .map(keys -> keys.stream().findFirst());
    }

    /** The live job rendering this cover, or a new one; one request per mashup at a time decides which. */
    private Uni<String> queue(Mashup mashup, CoverOrder order) {
        String request = json(order);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "covers:" + mashup.id)
                        .getSingleResult()
                        .chain(locked -> session.createNativeQuery(LIVE_JOB, String.class)
                                .setParameter(1, mashup.id)
                                .setParameter(2, request)
                                .getResultList()))
                .chain(live -> live.isEmpty()
                        ? jobs.enqueue(CoverJob.KIND, mashup.ownerId, mashup.id, order)
                                .map(job -> job.id)
                        : Uni.createFrom().item(live.get(0)));
    }

    /** Waits for the job to store the cover: its key; 503 when it failed or is still drawing after the wait. */
    private Uni<String> rendered(String mashupId, CoverOrder order, String jobId) {
        // ticks come on a timer thread; the reactive sessions of the polls belong on this request's event loop
        return Multi.createFrom()
                .ticks()
                .every(POLL)
                .emitOn(onThisContext())
                .onItem()
                .transformToUniAndConcatenate(tick -> Panache.withSession(() -> current(mashupId, order)
                        .chain(key -> key.isPresent()
                                ? Uni.createFrom().item(key)
                                : Panache.getSession()
                                        .chain(session -> session.createNativeQuery(JOB_STATUS, String.class)
                                                .setParameter(1, jobId)
                                                .getResultList())
                                        .map(status -> {
                                            if (status.isEmpty()
                                                    || JobStatus.of(status.get(0)) == JobStatus.FAILED
                                                    || JobStatus.of(status.get(0)) == JobStatus.CANCELLED) {
                                                throw unavailable("The cover could not be drawn", 30);
                                            }
                                            return Optional.<String>empty();
                                        }))))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .toUni()
                .ifNoItem()
                .after(WAIT)
                .failWith(() -> unavailable("The cover is still being drawn", 2));
    }

    /**
     * Runs tasks on the caller's Vert.x context: what comes back from another thread (a timer, the object store's
     * client) continues where the reactive session lives.
     */
    static Executor onThisContext() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(ignored -> task.run());
    }

    private static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of(503, "cover-not-ready", "Cover not ready", detail)
                .with("retryAfterSeconds", retryAfterSeconds));
    }

    private static CoverTemplate defaultTemplate(Mashup mashup) {
        return CoverTemplate.of(mashup.coverTemplate).orElse(CoverTemplate.GRADIENT);
    }

    private static String templates() {
        return String.join(
                ", ",
                java.util.Arrays.stream(CoverTemplate.values())
                        .map(CoverTemplate::wire)
                        .toList());
    }

    private static <T> T parse(
            String value,
            T fallback,
            java.util.function.Function<String, Optional<T>> of,
            String field,
            String allowed) {
        if (value == null || value.isEmpty()) {
            if (fallback == null) {
                throw ProblemException.invalid(Map.of(field, "is required: " + allowed));
            }
            return fallback;
        }
        return of.apply(value).orElseThrow(() -> ProblemException.invalid(Map.of(field, "must be " + allowed)));
    }

    /** Text as drawn: control characters removed, blanks collapsed; null when nothing printable is left. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("\\p{Cc}", " ").replaceAll("\\s+", " ").strip();
        return clean.isEmpty() ? null : clean;
    }

    private static String json(CoverOrder order) {
        try {
            return Json.mapper().writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(CoverOrder order, String key, String jobId) {}
}
