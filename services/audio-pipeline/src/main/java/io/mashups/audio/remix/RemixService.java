package io.mashups.audio.remix;

import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.Verdict;
import io.mashups.audio.stems.MashupStemsView;
import io.mashups.audio.stems.StemRegistry;
import io.mashups.audio.stems.StemsService;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.RemixStartedV1;
import io.mashups.messaging.entitlements.Entitlements;
import io.mashups.messaging.entitlements.UserEntitlements;
import io.mashups.messaging.mashups.ContentIdVerdict;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Remixing a mashup: its stems go to whoever {@link RemixPolicy} lets remix it, and a remix begun records the licence
 * it keeps and tells studio-collab to make its project ({@code audio.remix-started}).
 */
@ApplicationScoped
public class RemixService {
    private static final int MAX_TITLE = 120;

    private final Entitlements entitlements;
    private final StemRegistry stems;
    private final Outbox outbox;

    public RemixService(Entitlements entitlements, StemRegistry stems, Outbox outbox) {
        this.entitlements = entitlements;
        this.stems = stems;
        this.outbox = outbox;
    }

    /** The mashup's stems, for its owner and for whoever may remix it, within a tier with stem exports. */
    public Uni<MashupStemsView> stems(String userId, String mashupId) {
        return Panache.withSession(() -> entitlements
                        .of(userId)
                        .chain(plan -> allowed(userId, mashupId, plan, false))
                        .chain(source -> stemsOf(mashupId)))
                .map(rows -> new MashupStemsView(mashupId, rows.get(0).engine(), stems.views(rows)));
    }

    /**
     * Begins a remix, or answers the one begun with the same idempotency key. The remix's id is its project's; the
     * project appears in the studio once studio-collab has read the event.
     */
    public Uni<RemixView> remix(String userId, String mashupId, RemixRequest request, String idempotencyKey) {
        return Panache.withTransaction(() -> entitlements
                .of(userId)
                .chain(plan -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                                .setParameter(1, "remixes:" + userId)
                                .getSingleResult())
                        .chain(locked -> idempotencyKey == null
                                ? Uni.createFrom().<Remix>nullItem()
                                : Remix.<Remix>find("remixerId = ?1 and idempotencyKey = ?2", userId, idempotencyKey)
                                        .<Remix>firstResult())
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(existing)
                                : begin(userId, mashupId, plan, request, idempotencyKey))
                        .map(RemixService::view)));
    }

    private Uni<Remix> begin(
            String userId, String mashupId, UserEntitlements plan, RemixRequest request, String idempotencyKey) {
        return allowed(userId, mashupId, plan, request.forCommercialUse())
                .chain(source -> stemsOf(mashupId).chain(rows -> {
                    Remix remix = new Remix();
                    remix.id = UUID.randomUUID().toString();
                    remix.mashupId = mashupId;
                    remix.sourceTitle = source.mashup().title;
                    remix.sourceOwnerId = source.mashup().ownerId;
                    remix.remixerId = userId;
                    remix.title = request.title() != null ? request.title().strip() : defaultTitle(source.mashup());
                    remix.commercial = request.forCommercialUse();
                    remix.allowRemix = source.permissions().allowRemix();
                    remix.requireAttribution = source.permissions().requireAttribution();
                    remix.allowCommercial = source.permissions().allowCommercial();
                    remix.idempotencyKey = idempotencyKey;
                    remix.createdAt = OffsetDateTime.now();
                    Map<String, String> keys = new LinkedHashMap<>();
                    rows.forEach(stem -> keys.put(stem.stem().wire(), stem.key()));
                    RemixView.Credit credit = credit(remix);
                    RemixStartedV1 started = new RemixStartedV1(
                            remix.id,
                            userId,
                            remix.title,
                            mashupId,
                            source.mashup().bpm,
                            source.mashup().musicalKey,
                            source.mashup().durationSec,
                            keys,
                            remix.commercial,
                            new RemixStartedV1.Licence(
                                    remix.allowRemix, remix.requireAttribution, remix.allowCommercial),
                            credit == null
                                    ? null
                                    : new RemixStartedV1.Credit(credit.mashupId(), credit.title(), credit.ownerId()));
                    return remix.<Remix>persist().call(() -> outbox.add(EventCatalog.REMIX_STARTED, remix.id, started));
                }));
    }

    /** The mashup with its permissions, when the policy lets the user remix it; the policy's refusal otherwise. */
    private Uni<Source> allowed(String userId, String mashupId, UserEntitlements plan, boolean commercial) {
        return Mashup.<Mashup>findById(mashupId).chain(mashup -> {
            if (mashup == null) {
                throw ProblemException.notFound("Mashup", mashupId);
            }
            return Verdict.<Verdict>findById(mashupId)
                    .chain(verdict -> Panache.getSession()
                            .chain(session -> RemixPermissionsService.of(session, mashupId))
                            .map(permissions -> {
                                boolean blocked = verdict != null && verdict.verdict == ContentIdVerdict.BLOCKED;
                                RemixPolicy.check(new RemixPolicy.Case(
                                                mashup.ownerId.equals(userId),
                                                mashup.visibility,
                                                blocked,
                                                plan.tier(),
                                                permissions,
                                                commercial))
                                        .ifPresent(refusal -> {
                                            throw refused(refusal, mashupId, verdict, plan);
                                        });
                                return new Source(mashup, permissions);
                            }));
        });
    }

    private Uni<List<StemRegistry.Row>> stemsOf(String mashupId) {
        return stems.stems(StemRegistry.Asset.MASHUP, mashupId).invoke(rows -> {
            if (rows.isEmpty()) {
                throw new ProblemException(Problem.of(
                        409,
                        "no-stems",
                        "No stems",
                        "This mashup was rendered before stems were kept with mashups; it has none to remix"));
            }
        });
    }

    private static ProblemException refused(
            RemixPolicy.Refusal refusal, String mashupId, Verdict verdict, UserEntitlements plan) {
        return switch (refusal) {
            case NOT_FOUND -> ProblemException.notFound("Mashup", mashupId);
            case BLOCKED_BY_CONTENT_ID -> verdict.refusal("remixed");
            case TIER_WITHOUT_STEM_EXPORTS -> StemsService.noStemExports(plan);
            case REMIX_NOT_ALLOWED ->
                new ProblemException(Problem.of(
                        403, "remix-not-allowed", "Remixing not allowed", "The mashup's owner does not allow remixes"));
            case COMMERCIAL_USE_NOT_ALLOWED ->
                new ProblemException(Problem.of(
                        403,
                        "commercial-use-not-allowed",
                        "Commercial use not allowed",
                        "The mashup's owner allows remixes, not for commercial use"));
        };
    }

    private static String defaultTitle(Mashup mashup) {
        String suffix = " (remix)";
        String title = mashup.title;
        if (title.length() + suffix.length() > MAX_TITLE) {
            int cut = MAX_TITLE - suffix.length();
            // never between the two halves of a character outside the BMP
            title = title.substring(0, Character.isHighSurrogate(title.charAt(cut - 1)) ? cut - 1 : cut)
                    .strip();
        }
        return title + suffix;
    }

    /** The credit a remix shows: its source, when the licence it began with requires attribution. */
    static RemixView.Credit credit(Remix remix) {
        return remix.requireAttribution
                ? new RemixView.Credit(remix.mashupId, remix.sourceTitle, remix.sourceOwnerId)
                : null;
    }

    private static RemixView view(Remix remix) {
        return new RemixView(
                remix.id,
                remix.id,
                "/api/projects/" + remix.id,
                remix.mashupId,
                remix.remixerId,
                remix.title,
                remix.commercial,
                remix.licence(),
                credit(remix),
                remix.createdAt);
    }

    private record Source(Mashup mashup, RemixPermissions permissions) {}
}
