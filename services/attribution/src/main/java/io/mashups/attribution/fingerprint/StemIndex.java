package io.mashups.attribution.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The reference catalogue as the matcher searches it: one index of the tracks' vocal stems and one of their
 * instrumentals, under the same track ids. A query's vocal stem is looked up among the vocal stems and its
 * instrumental among the instrumentals. A song heard whole is found in both, at the same place, tempo and shift:
 * the two matches are one, with their scores added; a mashup's sources are found one in each.
 */
public final class StemIndex {
    /** How far two stems' matches of one track may differ and still be the same passage. */
    private static final double SAME_TEMPO = 0.02;

    private static final double SAME_SHIFT = 0.6;
    private static final double SAME_OFFSET_SEC = 0.5;
    private final FingerprintIndex vocals = new FingerprintIndex();
    private final FingerprintIndex instrumentals = new FingerprintIndex();

    public void add(int trackId, Fingerprint vocal, Fingerprint instrumental) {
        vocals.add(trackId, vocal);
        instrumentals.add(trackId, instrumental);
    }

    public void remove(int trackId, Fingerprint vocal, Fingerprint instrumental) {
        vocals.remove(trackId, vocal);
        instrumentals.remove(trackId, instrumental);
    }

    /** Matches both stems at once, the instrumental's on another core. */
    public List<Match> match(AudioLandmarks query) {
        CompletableFuture<List<Match>> instrumental =
                CompletableFuture.supplyAsync(() -> Matcher.match(query.instrumental(), instrumentals));
        Map<Integer, Match> byTrack = new HashMap<>();
        for (Match match : Matcher.match(query.vocals(), vocals)) {
            byTrack.put(match.trackId(), match);
        }
        for (Match match : instrumental.join()) {
            byTrack.merge(match.trackId(), match, StemIndex::combine);
        }
        List<Match> matches = new ArrayList<>(byTrack.values());
        matches.sort(Comparator.comparingInt(Match::score).reversed());
        return matches;
    }

    /** One match from two stems' when they agree on where, how fast and how high; otherwise the stronger. */
    static Match combine(Match a, Match b) {
        boolean same = Math.abs(a.tempo() - b.tempo()) <= SAME_TEMPO
                && Math.abs(a.shiftSemitones() - b.shiftSemitones()) <= SAME_SHIFT
                && Math.abs(offset(a) - offset(b)) <= SAME_OFFSET_SEC;
        Match stronger = a.score() >= b.score() ? a : b;
        if (!same) {
            return stronger;
        }
        int score = a.score() + b.score();
        double queryStart = Math.min(a.queryStartSec(), b.queryStartSec());
        double queryEnd = Math.max(a.queryEndSec(), b.queryEndSec());
        return new Match(
                stronger.trackId(),
                queryStart,
                queryEnd,
                Math.min(a.referenceStartSec(), b.referenceStartSec()),
                Math.max(a.referenceEndSec(), b.referenceEndSec()),
                stronger.tempo(),
                stronger.shiftSemitones(),
                score,
                Confidence.of(score, queryEnd - queryStart));
    }

    /** Where the query's start falls in the reference. */
    private static double offset(Match m) {
        return m.referenceStartSec() - m.queryStartSec() * m.tempo();
    }

    public int tracks() {
        return vocals.tracks();
    }

    public double seconds() {
        return vocals.seconds();
    }

    public long postings() {
        return vocals.postings() + instrumentals.postings();
    }

    public long memoryBytes() {
        return vocals.memoryBytes() + instrumentals.memoryBytes();
    }
}
