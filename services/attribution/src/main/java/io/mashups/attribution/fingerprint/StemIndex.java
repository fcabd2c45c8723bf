package io.mashups.attribution.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference catalogue as the matcher searches it: one index of the tracks' mixes and one of their vocal stems,
 * under the same track ids. A query's mix is looked up among the mixes (a song used whole, or its band) and its
 * vocal stem among the vocal stems (a song's voice over someone else's band); each track keeps its better match.
 */
public final class StemIndex {
    private final FingerprintIndex mixes = new FingerprintIndex();
    private final FingerprintIndex vocals = new FingerprintIndex();

    public void add(int trackId, Fingerprint mix, Fingerprint vocal) {
        mixes.add(trackId, mix);
        vocals.add(trackId, vocal);
    }

    public void remove(int trackId, Fingerprint mix, Fingerprint vocal) {
        mixes.remove(trackId, mix);
        vocals.remove(trackId, vocal);
    }

    public List<Match> match(AudioLandmarks query) {
        Map<Integer, Match> best = new HashMap<>();
        List<Match> found = new ArrayList<>(Matcher.match(query.mix(), mixes));
        found.addAll(Matcher.match(query.vocals(), vocals));
        for (Match match : found) {
            best.merge(match.trackId(), match, (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<Match> matches = new ArrayList<>(best.values());
        matches.sort(Comparator.comparingInt(Match::score).reversed());
        return matches;
    }

    public int tracks() {
        return mixes.tracks();
    }

    public double seconds() {
        return mixes.seconds();
    }

    public long postings() {
        return mixes.postings() + vocals.postings();
    }

    public long memoryBytes() {
        return mixes.memoryBytes() + vocals.memoryBytes();
    }
}
