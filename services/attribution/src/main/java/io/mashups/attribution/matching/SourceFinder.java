package io.mashups.attribution.matching;

import io.mashups.attribution.catalogue.CatalogueIndex;
import io.mashups.attribution.catalogue.Claim;
import io.mashups.attribution.catalogue.ReferenceTrack;
import io.mashups.attribution.chromaprint.AcoustIdClient;
import io.mashups.attribution.chromaprint.Chromaprint;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.fingerprint.AudioLandmarks;
import io.mashups.attribution.fingerprint.Match;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns fingerprints into sources: landmark matches against the reference catalogue (with each track's claim) and,
 * when AcoustID is configured, the MusicBrainz recordings a whole track's Chromaprint names. The sources are not
 * saved here.
 */
@ApplicationScoped
public class SourceFinder {
    private static final String MUSICBRAINZ = "musicbrainz:";
    private final CatalogueIndex catalogue;
    private final AcoustIdClient acoustId;
    private final AttributionConfig config;

    public SourceFinder(CatalogueIndex catalogue, AcoustIdClient acoustId, AttributionConfig config) {
        this.catalogue = catalogue;
        this.acoustId = acoustId;
        this.config = config;
    }

    /** Catalogue tracks found in the landmarks with at least the reporting confidence; CPU only (a worker thread). */
    public List<Match> catalogueMatches(AudioLandmarks landmarks) {
        return catalogue.match(landmarks).stream()
                .filter(match -> match.confidence() >= config.reportConfidence())
                .toList();
    }

    /** The matched tracks that are still in the catalogue, with their claims, in the matches' order. */
    public Uni<List<AttributionSource>> catalogueSources(List<Match> matches) {
        if (matches.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Integer> trackNos = matches.stream().map(Match::trackId).toList();
        return ReferenceTrack.<ReferenceTrack>list("trackNo in ?1 and removed = false", trackNos)
                .chain(tracks -> {
                    Map<Integer, ReferenceTrack> byNo =
                            tracks.stream().collect(Collectors.toMap(t -> t.trackNo, Function.identity()));
                    List<String> ids = tracks.stream().map(t -> t.id).toList();
                    return Claim.<Claim>list("referenceId in ?1", ids).map(claims -> {
                        Map<String, Claim> claimOf = claims.stream()
                                .collect(Collectors.toMap(c -> c.referenceId, Function.identity(), (a, b) -> a));
                        List<AttributionSource> sources = new ArrayList<>();
                        for (Match match : matches) {
                            ReferenceTrack track = byNo.get(match.trackId());
                            if (track != null) {
                                sources.add(fromMatch(match, track, claimOf.get(track.id)));
                            }
                        }
                        return sources;
                    });
                });
    }

    /** Recordings AcoustID names for a whole track (empty when it is not configured); blocking. */
    public List<AcoustIdClient.Recording> recordings(Optional<Chromaprint.Print> print) {
        return acoustId.enabled() && print.isPresent() ? acoustId.lookup(print.get()) : List.of();
    }

    public boolean acoustIdEnabled() {
        return acoustId.enabled();
    }

    /** A recording AcoustID is confident about, as a verified whole-track source. */
    public AttributionSource fromRecording(AcoustIdClient.Recording recording, double durationSec) {
        AttributionSource source = new AttributionSource();
        source.id = UUID.randomUUID().toString();
        source.referenceId = MUSICBRAINZ + recording.recordingId();
        source.title = recording.title() == null ? "" : recording.title();
        source.artist = String.join(", ", recording.artists());
        source.confidence = (int) Math.round(Math.max(0, Math.min(1, recording.score())) * 100);
        source.queryEndSec = durationSec;
        source.referenceEndSec =
                recording.durationSec().map(Integer::doubleValue).orElse(durationSec);
        source.tempo = 1;
        source.verified = true;
        source.fingerprintMatch = false;
        return source;
    }

    private static AttributionSource fromMatch(Match match, ReferenceTrack track, Claim claim) {
        AttributionSource source = new AttributionSource();
        source.id = UUID.randomUUID().toString();
        source.referenceId = track.id;
        source.claimId = claim == null ? null : claim.id;
        source.title = track.title;
        source.artist = track.artist;
        source.confidence = match.confidence();
        source.queryStartSec = round(match.queryStartSec());
        source.queryEndSec = round(match.queryEndSec());
        source.referenceStartSec = round(match.referenceStartSec());
        source.referenceEndSec = round(match.referenceEndSec());
        source.tempo = match.tempo();
        source.shiftSemitones = match.shiftSemitones();
        source.fingerprintMatch = true;
        return source;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
