package io.mashups.attribution.catalogue;

import io.mashups.attribution.audio.AudioFingerprinter;
import io.mashups.attribution.audio.KnownUpload;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.fingerprint.Match;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference catalogue. Administrators register any upload; rights holders register their own uploads and see
 * and manage only what they registered. Registering fingerprints the upload first (outside any transaction), then
 * stores the track, its claim and a catalogue change in one transaction: every replica's index picks it up.
 */
@ApplicationScoped
public class CatalogueService {
    /** Fewer landmarks than this (silence, a drone) would match nothing and anything. */
    static final int MIN_TRIPLETS = 50;
    /**
     * The share of both the new audio and a catalogued track that a confident match must span for the two to be one
     * recording: identical references share every hash and so weaken each other's matches. Excerpts and derivatives
     * (a remix, a mashup) span less of one of them and are registered.
     */
    static final double SAME_RECORDING_SPAN = 0.8;

    private final AudioFingerprinter fingerprinter;
    private final CatalogueIndex catalogue;
    private final AttributionConfig config;

    public CatalogueService(AudioFingerprinter fingerprinter, CatalogueIndex catalogue, AttributionConfig config) {
        this.fingerprinter = fingerprinter;
        this.catalogue = catalogue;
        this.config = config;
    }

    /** The upload's fingerprints and the catalogue tracks confidently heard in it. */
    private record Heard(AudioFingerprinter.Fingerprinted fingerprinted, List<Match> matches) {}

    /** Who is asking: administrators act on the whole catalogue, rights holders on their own part of it. */
    public record Actor(String userId, boolean admin) {
        boolean mayManage(String registeredBy) {
            return admin || userId.equals(registeredBy);
        }
    }

    public Uni<ReferenceView> register(Actor actor, RegisterReference request) {
        return Panache.withSession(() -> KnownUpload.<KnownUpload>findById(request.uploadId()))
                .chain(upload -> {
                    if (upload == null || !actor.mayManage(upload.ownerId)) {
                        throw ProblemException.notFound("upload", request.uploadId());
                    }
                    return VertxContextSupport.executeBlocking(() -> {
                        AudioFingerprinter.Fingerprinted fingerprinted =
                                fingerprinter.fingerprint(upload.objectKey, true);
                        if (fingerprinted.landmarks().triplets() < MIN_TRIPLETS) {
                            throw ProblemException.unprocessable("The upload has too little to fingerprint (silence?)");
                        }
                        return new Heard(
                                fingerprinted,
                                catalogue.match(fingerprinted.landmarks()).stream()
                                        .filter(match -> match.confidence() >= config.claimConfidence())
                                        .toList());
                    });
                })
                .call(heard ->
                        refuseSameRecording(heard.fingerprinted().landmarks().durationSec(), heard.matches()))
                .map(Heard::fingerprinted)
                .chain(fingerprinted -> {
                    // two registrations of one upload at once: the second waits for the first and then sees it (409)
                    return Panache.withTransaction(() -> Panache.getSession()
                            .chain(s -> s.createNativeQuery(
                                            "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) AS locked",
                                            Long.class)
                                    .setParameter(1, "reference:" + request.uploadId())
                                    .getSingleResult())
                            .chain(locked ->
                                    ReferenceTrack.count("uploadId = ?1 and removed = false", request.uploadId()))
                            .chain(existing -> {
                                if (existing > 0) {
                                    throw ProblemException.conflict("This upload is already a reference track");
                                }
                                return Panache.getSession()
                                        .chain(s -> s.createNativeQuery(
                                                        "SELECT nextval('reference_track_numbers')", Long.class)
                                                .getSingleResult());
                            })
                            .chain(trackNo -> {
                                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                                ReferenceTrack track = new ReferenceTrack();
                                track.id = UUID.randomUUID().toString();
                                track.trackNo = trackNo.intValue();
                                track.uploadId = request.uploadId();
                                track.registeredBy = actor.userId();
                                track.title = request.title().strip();
                                track.artist = request.artist().strip();
                                track.durationSec = fingerprinted.landmarks().durationSec();
                                track.vocalFingerprint = fingerprinted
                                        .landmarks()
                                        .vocals()
                                        .fingerprint()
                                        .bytes();
                                track.instrumentalFingerprint = fingerprinted
                                        .landmarks()
                                        .instrumental()
                                        .fingerprint()
                                        .bytes();
                                track.chromaprint = fingerprinted
                                        .chromaprint()
                                        .map(p -> p.fingerprint())
                                        .orElse(null);
                                track.createdAt = now;
                                Claim claim = new Claim();
                                claim.id = UUID.randomUUID().toString();
                                claim.referenceId = track.id;
                                claim.holderId = actor.userId();
                                claim.policy =
                                        request.policy() == null ? Policy.ATTRIBUTE : Policy.of(request.policy());
                                claim.createdAt = now;
                                claim.updatedAt = now;
                                return track.persist()
                                        .chain(() -> claim.persist())
                                        .chain(() -> change(track.trackNo, true))
                                        .map(ignored -> ReferenceView.of(track, claim));
                            }));
                });
    }

    /** 409 when a live catalogue track is the same recording as the new audio (see {@link #SAME_RECORDING_SPAN}). */
    private static Uni<Void> refuseSameRecording(double durationSec, List<Match> matches) {
        List<Match> spanningUpload = matches.stream()
                .filter(match -> match.queryEndSec() - match.queryStartSec() >= SAME_RECORDING_SPAN * durationSec)
                .toList();
        if (spanningUpload.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Integer, Match> byTrackNo =
                spanningUpload.stream().collect(Collectors.toMap(Match::trackId, Function.identity()));
        return Panache.withSession(() -> ReferenceTrack.<ReferenceTrack>list(
                        "trackNo in ?1 and removed = false", List.copyOf(byTrackNo.keySet())))
                .invoke(tracks -> tracks.stream()
                        .filter(track -> {
                            Match match = byTrackNo.get(track.trackNo);
                            return match.referenceEndSec() - match.referenceStartSec()
                                    >= SAME_RECORDING_SPAN * track.durationSec;
                        })
                        .findFirst()
                        .ifPresent(same -> {
                            throw new ProblemException(Problem.of(
                                            409,
                                            "same-recording",
                                            "Already in the catalogue",
                                            "This audio is already registered as \"" + same.title + "\" by "
                                                    + same.artist)
                                    .with("referenceId", same.id));
                        }))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<ReferenceView>> list(Actor actor, int pageIndex, int size) {
        var query = actor.admin()
                ? ReferenceTrack.<ReferenceTrack>find("removed = false order by createdAt desc")
                : ReferenceTrack.<ReferenceTrack>find(
                        "registeredBy = ?1 and removed = false order by createdAt desc", actor.userId());
        return query.page(pageIndex, size).list().chain(tracks -> withClaims(tracks));
    }

    @WithSession
    public Uni<ReferenceView> get(Actor actor, String id) {
        return managed(actor, id).chain(track -> withClaims(List.of(track))).map(views -> views.get(0));
    }

    /** Takes the track out of the catalogue: no new match finds it; sources already found keep its name. */
    @WithTransaction
    public Uni<Void> remove(Actor actor, String id) {
        return managed(actor, id).chain(track -> {
            track.removed = true;
            track.removedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return change(track.trackNo, false);
        });
    }

    @WithSession
    public Uni<List<ClaimView>> claims(Actor actor, int pageIndex, int size) {
        var query = actor.admin()
                ? Claim.<Claim>find("order by createdAt desc")
                : Claim.<Claim>find("holderId = ?1 order by createdAt desc", actor.userId());
        return query.page(pageIndex, size)
                .list()
                .map(claims -> claims.stream().map(ClaimView::of).toList());
    }

    @WithTransaction
    public Uni<ClaimView> setPolicy(Actor actor, String claimId, String policy) {
        return Claim.<Claim>findById(claimId).map(claim -> {
            if (claim == null || !actor.mayManage(claim.holderId)) {
                throw ProblemException.notFound("claim", claimId);
            }
            claim.policy = Policy.of(policy);
            claim.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ClaimView.of(claim);
        });
    }

    private static Uni<ReferenceTrack> managed(Actor actor, String id) {
        return ReferenceTrack.<ReferenceTrack>findById(id).map(track -> {
            if (track == null || track.removed || !actor.mayManage(track.registeredBy)) {
                throw ProblemException.notFound("reference track", id);
            }
            return track;
        });
    }

    private static Uni<List<ReferenceView>> withClaims(List<ReferenceTrack> tracks) {
        if (tracks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Claim.<Claim>list(
                        "referenceId in ?1", tracks.stream().map(t -> t.id).toList())
                .map(claims -> {
                    Map<String, Claim> byReference = claims.stream()
                            .collect(Collectors.toMap(c -> c.referenceId, Function.identity(), (a, b) -> a));
                    return tracks.stream()
                            .map(t -> ReferenceView.of(t, byReference.get(t.id)))
                            .toList();
                });
    }

    private static Uni<Void> change(int trackNo, boolean added) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO catalogue_changes (track_no, added) VALUES (?1, ?2)")
                        .setParameter(1, trackNo)
                        .setParameter(2, added)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
