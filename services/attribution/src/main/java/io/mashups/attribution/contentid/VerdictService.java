package io.mashups.attribution.contentid;

import io.mashups.attribution.catalogue.Claim;
import io.mashups.attribution.catalogue.Policy;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.matching.AttributionSource;
import io.mashups.events.EventCatalog;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.messaging.mashups.ContentIdVerdict;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Content ID: a mashup whose sources include a claimed track above the claim confidence gets that claim's policy;
 * block wins over attribute, attribute over allow. The owner may dispute a block once; an administrator upholds it
 * or releases the mashup (which then credits its sources). Every decision is published as attribution.verdict.
 */
@ApplicationScoped
public class VerdictService {
    private final Outbox outbox;
    private final AttributionConfig config;

    public VerdictService(Outbox outbox, AttributionConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Decides a freshly matched mashup's verdict; runs in the caller's transaction. */
    public Uni<Void> decide(String mashupId, String ownerId, List<AttributionSource> sources) {
        List<AttributionSource> claimed = sources.stream()
                .filter(s -> s.claimId != null && s.confidence > config.claimConfidence())
                .toList();
        Uni<List<Claim>> claims = claimed.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Claim.list("id in ?1", claimed.stream().map(s -> s.claimId).toList());
        return claims.chain(found -> {
            Map<String, Claim> byId = found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
            Optional<AttributionSource> blocking = first(claimed, byId, Policy.BLOCK);
            Optional<AttributionSource> credited = first(claimed, byId, Policy.ATTRIBUTE);
            ContentIdVerdict verdict = blocking.isPresent()
                    ? ContentIdVerdict.BLOCKED
                    : credited.isPresent() ? ContentIdVerdict.ATTRIBUTE : ContentIdVerdict.ALLOWED;
            AttributionSource cause = blocking.or(() -> credited).orElse(null);
            String reason = cause == null
                    ? null
                    : String.format(
                            "Uses \"%s\" by %s (%d%% match)%s",
                            cause.title,
                            cause.artist,
                            cause.confidence,
                            blocking.isPresent()
                                    ? ": its rights holder blocks mashups of it"
                                    : ": its rights holder asks to be credited");
            return Verdict.<Verdict>findById(mashupId).chain(existing -> {
                Verdict v = existing != null ? existing : new Verdict();
                v.mashupId = mashupId;
                v.ownerId = ownerId;
                v.verdict = verdict;
                v.reason = reason;
                v.claimId = cause == null ? null : cause.claimId;
                v.decidedAt = now();
                return (existing != null ? Uni.createFrom().item(v) : v.<Verdict>persist()).chain(this::publish);
            });
        });
    }

    private static Optional<AttributionSource> first(
            List<AttributionSource> sources, Map<String, Claim> claims, Policy policy) {
        return sources.stream()
                .filter(s -> claims.containsKey(s.claimId) && policy == claims.get(s.claimId).policy)
                .max(Comparator.comparingInt(s -> s.confidence));
    }

    @WithSession
    public Uni<VerdictView> view(String userId, boolean admin, String mashupId) {
        return owned(userId, admin, mashupId).map(VerdictView::of);
    }

    @WithTransaction
    public Uni<VerdictView> dispute(String userId, String mashupId, String reason) {
        return owned(userId, false, mashupId).chain(v -> {
            if (v.verdict != ContentIdVerdict.BLOCKED) {
                throw ProblemException.conflict(
                        "Only a blocked mashup can be disputed; this one is " + v.verdict.wire());
            }
            if (v.disputeStatus != null) {
                throw ProblemException.conflict("This verdict was already disputed (" + v.disputeStatus.wire() + ")");
            }
            v.disputeStatus = DisputeStatus.OPEN;
            v.disputeReason = reason;
            v.disputedAt = now();
            return Uni.createFrom().item(VerdictView.of(v));
        });
    }

    @WithSession
    public Uni<List<VerdictView>> openDisputes(int pageIndex, int size) {
        PanacheQuery<Verdict> query = Verdict.find("disputeStatus = ?1 order by disputedAt", DisputeStatus.OPEN);
        return query.page(pageIndex, size)
                .list()
                .map(list -> list.stream().map(VerdictView::of).toList());
    }

    /** An administrator's decision on an open dispute: {@code release} lifts the block, {@code uphold} keeps it. */
    @WithTransaction
    public Uni<VerdictView> resolve(String adminId, String mashupId, boolean release, String note) {
        return Verdict.<Verdict>findById(mashupId).chain(v -> {
            if (v == null) {
                throw ProblemException.notFound("verdict", mashupId);
            }
            if (v.disputeStatus != DisputeStatus.OPEN) {
                throw ProblemException.conflict("There is no open dispute on this verdict");
            }
            v.disputeStatus = release ? DisputeStatus.RELEASED : DisputeStatus.UPHELD;
            v.resolvedBy = adminId;
            v.resolutionNote = note;
            v.resolvedAt = now();
            v.decidedAt = v.resolvedAt;
            if (release) {
                v.verdict = ContentIdVerdict.ATTRIBUTE;
                v.reason = "Released after dispute" + (note == null ? "" : ": " + note);
            }
            return publish(v).map(ignored -> VerdictView.of(v));
        });
    }

    private Uni<Void> publish(Verdict v) {
        return outbox.add(
                        EventCatalog.ATTRIBUTION_VERDICT,
                        v.mashupId,
                        new AttributionVerdictV1(
                                v.mashupId, v.ownerId, v.verdict.wire(), v.reason, v.claimId, v.decidedAt.toInstant()))
                .replaceWithVoid();
    }

    private static Uni<Verdict> owned(String userId, boolean admin, String mashupId) {
        return Verdict.<Verdict>findById(mashupId).map(v -> {
            if (v == null || !(admin || v.ownerId.equals(userId))) {
                throw ProblemException.notFound("verdict", mashupId);
            }
            return v;
        });
    }

    private static OffsetDateTime now() {
        // Postgres keeps microseconds: a value read back must equal the one published
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
