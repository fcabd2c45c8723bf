package io.mashups.attribution.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the reference tracks in a query. Every query triplet probes the index; a posting votes for its track when
 * the spans imply a tempo within 13% and the anchors a shift within 3.6 semitones. For the tracks with most votes,
 * a Hough search over tempo, time offset and shift finds the largest set of votes that agree, and a line fitted
 * through their anchor times gives the tempo and the matched ranges.
 */
public final class Matcher {
    static final double MAX_TEMPO = 1.13;
    static final float MAX_SHIFT = 3.6f;
    /** Frames by which a peak's time may move between two renditions of the same audio. */
    private static final double SPAN_JITTER = 1.5;

    private static final int PRE_TEMPO_CELLS = 9;
    private static final int PRE_SHIFT_CELLS = 9;
    private static final int PRE_CELLS = PRE_TEMPO_CELLS * PRE_SHIFT_CELLS;
    /** Weighted votes in one (shift, tempo) cell below which a track is not matched in full. */
    private static final float MIN_PRE_SCORE = 3;
    /**
     * Runs of a list (the postings within a query's pitch reach) holding more than this many postings per catalogue
     * track are skipped: too common to tell tracks apart, and at 10,000 tracks the bulk of what a query would read.
     * Below 640 tracks the floor holds: a song repeating one figure puts many postings in one run of a small index.
     */
    private static final double COMMON_RUN_PER_TRACK = 0.1;

    private static final int MIN_COMMON_RUN = 64;
    /**
     * Postings per query triplet the first pass may read, rarest runs first. At 10,000 tracks a query's runs hold
     * about 1,500 postings per triplet; the rarest tenth of them already sets the true source far above chance, and
     * the first pass's scattered writes (a table row per track) cost three times the second pass's reads.
     */
    private static final int CANDIDATE_READS_PER_TRIPLET = 150;
    /** Semitones of anchor pitch over which a hash's commonness is counted for its weight. */
    private static final float PITCH_CELL = 2;

    private static final int MAX_CANDIDATES = 16;
    private static final double TEMPO_STEP = 0.02;
    private static final int OFFSET_CELL = 16;
    private static final int SHIFT_CELLS = 9;
    private static final int FINE_OFFSET_CELL = 4;
    private static final double LINE_TOLERANCE = 3;
    private static final double SHIFT_TOLERANCE = 0.6;
    /** Agreeing moments below which a track is not reported at all. */
    static final int MIN_SCORE = 8;

    private Matcher() {}

    public static List<Match> match(Landmarks query, FingerprintIndex index) {
        index.lockForLookup();
        List<Votes> candidates;
        try {
            if (index.tracks() == 0) {
                return List.of();
            }
            Probes probes = Probes.of(query, index);
            int[] selected = candidates(probes, index);
            candidates = votes(probes, index, selected);
        } finally {
            index.lock().readLock().unlock();
        }
        List<Match> matches = new ArrayList<>();
        for (Votes votes : candidates) {
            Match match = fit(votes.track, votes);
            if (match != null) {
                matches.add(match);
            }
        }
        matches.sort(Comparator.comparingInt(Match::score).reversed());
        return matches;
    }

    /**
     * Every key each query triplet probes and the run of its list holding the anchor pitches a shift could have moved
     * the query's from, with the weight of what is found there (common runs are left out).
     */
    private record Probes(
            List<Triplet> triplets, int[][] keys, int[][] from, int[][] to, float[][] weights, int candidateRunLimit) {
        static Probes of(Landmarks query, FingerprintIndex index) {
            int tracks = Math.max(1, index.tracks());
            int maxRun = (int) Math.max(MIN_COMMON_RUN, COMMON_RUN_PER_TRACK * tracks);
            double idfScale = Math.log(1 + tracks);
            List<Triplet> triplets = query.triplets();
            int[][] keys = new int[triplets.size()][];
            int[][] from = new int[triplets.size()][];
            int[][] to = new int[triplets.size()][];
            float[][] weights = new float[triplets.size()][];
            int[] keyScratch = new int[TripletHash.MAX_PROBES];
            int[] fromScratch = new int[TripletHash.MAX_PROBES];
            int[] toScratch = new int[TripletHash.MAX_PROBES];
            float[] weightScratch = new float[TripletHash.MAX_PROBES];
            int[] runs = new int[64];
            int runCount = 0;
            for (int i = 0; i < triplets.size(); i++) {
                Triplet t = triplets.get(i);
                float reach = MAX_SHIFT + TripletHash.PITCH_JITTER;
                int lowest = (int) Math.floor((t.anchorPitch() - reach) * Fingerprint.PITCH_STEPS);
                int highest = (int) Math.ceil((t.anchorPitch() + reach) * Fingerprint.PITCH_STEPS);
                int probed = TripletHash.probes(t, keyScratch);
                int kept = 0;
                for (int p = 0; p < probed; p++) {
                    int key = keyScratch[p];
                    if (index.size(key) == 0) {
                        continue;
                    }
                    int first = index.firstAtPitch(key, lowest);
                    int end = index.firstAtPitchWithin(key, highest + 1, first, maxRun);
                    int run = end - first;
                    if (run > 0 && run <= maxRun) {
                        keyScratch[kept] = key;
                        fromScratch[kept] = first;
                        toScratch[kept] = end;
                        // a hash that many tracks share tells little (inverse document frequency), counted per
                        // PITCH_CELL of the run: a hash as common at every pitch is no commoner for a wider reach
                        double density = Math.max(1, run * PITCH_CELL / (2 * reach));
                        weightScratch[kept++] = (float) (Math.log(1 + tracks / density) / idfScale);
                        if (runCount == runs.length) {
                            runs = Arrays.copyOf(runs, runCount * 2);
                        }
                        runs[runCount++] = run;
                    }
                }
                keys[i] = Arrays.copyOf(keyScratch, kept);
                from[i] = Arrays.copyOf(fromScratch, kept);
                to[i] = Arrays.copyOf(toScratch, kept);
                weights[i] = Arrays.copyOf(weightScratch, kept);
            }
            return new Probes(
                    triplets,
                    keys,
                    from,
                    to,
                    weights,
                    runLimit(runs, runCount, (long) CANDIDATE_READS_PER_TRIPLET * triplets.size()));
        }

        /** The longest run such that all runs up to its length hold at most {@code budget} postings together. */
        private static int runLimit(int[] runs, int count, long budget) {
            Arrays.sort(runs, 0, count);
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += runs[i];
                if (total > budget) {
                    return i == 0 ? 0 : runs[i - 1];
                }
            }
            return Integer.MAX_VALUE;
        }
    }

    /**
     * First pass: weighted votes per track in cells of (shift, tempo); the tracks whose best cell is heaviest go on to
     * the full match. Agreement on one shift and tempo already separates a real source from chance collisions.
     */
    private static int[] candidates(Probes probes, FingerprintIndex index) {
        int trackSlots = index.maxTrackId() + 1;
        float[] table = new float[trackSlots * PRE_CELLS];
        forEachAgreeingVote(
                probes,
                index,
                probes.candidateRunLimit(),
                null,
                (q, posting, span, shift, weight) -> table[
                        FingerprintIndex.track(posting) * PRE_CELLS + preCell((float) span / q.span(), shift)] += weight);
        float[] best = new float[trackSlots];
        for (int track = 0; track < trackSlots; track++) {
            float max = 0;
            for (int c = track * PRE_CELLS; c < (track + 1) * PRE_CELLS; c++) {
                max = Math.max(max, table[c]);
            }
            best[track] = max;
        }
        return java.util.stream.IntStream.range(0, trackSlots)
                .filter(t -> best[t] >= MIN_PRE_SCORE)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer t) -> best[t]).reversed())
                .limit(MAX_CANDIDATES)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * Second pass: every agreeing vote of the candidate tracks. Reading the index again costs less than keeping the
     * first pass's votes, which for a long query against a large catalogue would not fit in memory.
     */
    private static List<Votes> votes(Probes probes, FingerprintIndex index, int[] selected) {
        Votes[] byTrack = new Votes[index.maxTrackId() + 1];
        BitSet tracks = new BitSet(byTrack.length);
        List<Votes> all = new ArrayList<>();
        for (int track : selected) {
            byTrack[track] = new Votes(track);
            tracks.set(track);
            all.add(byTrack[track]);
        }
        if (all.isEmpty()) {
            return all;
        }
        forEachAgreeingVote(
                probes,
                index,
                Integer.MAX_VALUE,
                tracks,
                (q, posting, span, shift, weight) -> byTrack[FingerprintIndex.track(posting)].add(
                        q.anchorFrame(), FingerprintIndex.frame(posting), q.span(), span, shift, weight));
        return all;
    }

    /** A posting found by a query triplet, with the reference span, the shift and the run's weight. */
    private interface VoteSink {
        void vote(Triplet query, long posting, int referenceSpan, float shift, float weight);
    }

    /**
     * Every posting in runs up to {@code maxRun} long, of the given tracks (null: of any), whose span and pitch agree
     * with the query triplet that found it. The second pass tests the track first: one bit, where the rest is
     * arithmetic on every posting read.
     */
    private static void forEachAgreeingVote(
            Probes probes, FingerprintIndex index, int maxRun, BitSet tracks, VoteSink sink) {
        for (int i = 0; i < probes.triplets().size(); i++) {
            Triplet q = probes.triplets().get(i);
            int[] keys = probes.keys()[i];
            for (int p = 0; p < keys.length; p++) {
                int from = probes.from()[i][p];
                int to = probes.to()[i][p];
                if (to - from > maxRun) {
                    continue;
                }
                float weight = probes.weights()[i][p];
                long[] postings = index.postings(keys[p]);
                for (int n = from; n < to; n++) {
                    if (tracks != null && !tracks.get(FingerprintIndex.track(postings[n]))) {
                        continue;
                    }
                    int span = FingerprintIndex.span(postings[n]);
                    float shift = q.anchorPitch() - FingerprintIndex.pitch(postings[n]);
                    if (agrees(q.span(), span, shift)) {
                        sink.vote(q, postings[n], span, shift, weight);
                    }
                }
            }
        }
    }

    /** Whether a reference triplet's span and pitch are within the stretch and shift a query may have. */
    private static boolean agrees(int querySpan, int referenceSpan, float shift) {
        return referenceSpan * MAX_TEMPO + SPAN_JITTER >= querySpan
                && referenceSpan <= querySpan * MAX_TEMPO + SPAN_JITTER
                && Math.abs(shift) <= MAX_SHIFT;
    }

    private static int preCell(float tempo, float shift) {
        int tempoCell =
                Math.max(0, Math.min(PRE_TEMPO_CELLS - 1, Math.round((tempo - 1) / 0.04f) + PRE_TEMPO_CELLS / 2));
        int shiftCell = Math.max(0, Math.min(PRE_SHIFT_CELLS - 1, Math.round(shift) + PRE_SHIFT_CELLS / 2));
        return tempoCell * PRE_SHIFT_CELLS + shiftCell;
    }

    /** The best agreeing set of one track's votes, or null when too few agree. */
    static Match fit(int track, Votes v) {
        // coarse: tempo steps of 2%, offset cells of 16 frames, shift cells of a semitone, counted in one table
        int minQuery = Integer.MAX_VALUE;
        int maxQuery = 0;
        int minReference = Integer.MAX_VALUE;
        int maxReference = 0;
        for (int i = 0; i < v.size; i++) {
            minQuery = Math.min(minQuery, v.query[i]);
            maxQuery = Math.max(maxQuery, v.query[i]);
            minReference = Math.min(minReference, v.reference[i]);
            maxReference = Math.max(maxReference, v.reference[i]);
        }
        int lowestOffset = (int) Math.floor(minReference - MAX_TEMPO * maxQuery);
        int offsetCells = (int) Math.ceil((maxReference - minQuery / MAX_TEMPO - lowestOffset) / OFFSET_CELL) + 2;
        int[] counts = new int[offsetCells * SHIFT_CELLS];
        int bestCount = 0;
        int bestCell = 0;
        double bestTempo = 1;
        for (double tempo = 1 - TEMPO_STEP * Math.floor((1 - 1 / MAX_TEMPO) / TEMPO_STEP);
                tempo <= MAX_TEMPO;
                tempo += TEMPO_STEP) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < v.size; i++) {
                if (Math.abs(v.referenceSpan[i] - tempo * v.querySpan[i]) <= SPAN_JITTER + 0.03 * v.querySpan[i]) {
                    int offsetCell = (int) ((v.reference[i] - tempo * v.query[i] - lowestOffset) / OFFSET_CELL);
                    int shiftCell = Math.max(0, Math.min(SHIFT_CELLS - 1, Math.round(v.shift[i]) + SHIFT_CELLS / 2));
                    int cell = offsetCell * SHIFT_CELLS + shiftCell;
                    if (++counts[cell] > bestCount) {
                        bestCount = counts[cell];
                        bestCell = cell;
                        bestTempo = tempo;
                    }
                }
            }
        }
        if (bestCount < MIN_SCORE) {
            return null;
        }
        double offset = lowestOffset + (bestCell / SHIFT_CELLS) * OFFSET_CELL + OFFSET_CELL / 2.0;
        double shift = bestCell % SHIFT_CELLS - SHIFT_CELLS / 2;
        // fine: tempo steps of 0.25% and offset cells of 4 frames among the votes near the coarse line
        Line line = fineLine(v, bestTempo, offset, shift);
        // refine: a least-squares line through the votes on the fine line, twice
        boolean[] inlier = new boolean[v.size];
        select(v, line, LINE_TOLERANCE * 2, shift, 1.0, inlier);
        line = Line.fit(v, inlier, line.tempo);
        shift = medianShift(v, inlier);
        select(v, line, LINE_TOLERANCE, shift, SHIFT_TOLERANCE, inlier);
        line = Line.fit(v, inlier, line.tempo);
        select(v, line, LINE_TOLERANCE, shift, SHIFT_TOLERANCE, inlier);
        int score = (int) Math.round(weightedQueryFrames(v, inlier));
        if (score < MIN_SCORE) {
            return null;
        }
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int i = 0; i < v.size; i++) {
            if (inlier[i]) {
                first = Math.min(first, v.query[i]);
                last = Math.max(last, v.query[i]);
            }
        }
        double fps = PeakFinder.FRAMES_PER_SECOND;
        return new Match(
                track,
                first / fps,
                last / fps,
                line.at(first) / fps,
                line.at(last) / fps,
                Math.round(line.tempo * 1000) / 1000.0,
                Math.round(shift * 10) / 10.0,
                score,
                Confidence.of(score, (last - first) / fps));
    }

    private static Line fineLine(Votes v, double coarseTempo, double coarseOffset, double shift) {
        int cells = (int) (2 * OFFSET_CELL * 2.5 / FINE_OFFSET_CELL) + 1;
        int[] counts = new int[cells];
        int bestCount = -1;
        Line best = new Line(coarseTempo, coarseOffset);
        for (double tempo = coarseTempo - 0.025; tempo <= coarseTempo + 0.025; tempo += 0.0025) {
            Arrays.fill(counts, 0);
            double anchor = coarseOffset - OFFSET_CELL * 2.5;
            for (int i = 0; i < v.size; i++) {
                double offset = v.reference[i] - tempo * v.query[i];
                int cell = (int) Math.floor((offset - anchor) / FINE_OFFSET_CELL);
                if (cell >= 0 && cell < cells && Math.abs(v.shift[i] - shift) <= 1 && ++counts[cell] > bestCount) {
                    bestCount = counts[cell];
                    best = new Line(tempo, anchor + (cell + 0.5) * FINE_OFFSET_CELL);
                }
            }
        }
        return best;
    }

    private static void select(
            Votes v, Line line, double tolerance, double shift, double shiftTolerance, boolean[] inlier) {
        for (int i = 0; i < v.size; i++) {
            inlier[i] = Math.abs(v.reference[i] - line.at(v.query[i])) <= tolerance
                    && Math.abs(v.shift[i] - shift) <= shiftTolerance;
        }
    }

    private static double medianShift(Votes v, boolean[] inlier) {
        float[] shifts = new float[v.size];
        int n = 0;
        for (int i = 0; i < v.size; i++) {
            if (inlier[i]) {
                shifts[n++] = v.shift[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(shifts, 0, n);
        return shifts[n / 2];
    }

    /** Distinct query anchor frames among the inliers, each counted with the weight of its rarest hash. */
    private static double weightedQueryFrames(Votes v, boolean[] inlier) {
        long[] frames = new long[v.size];
        int n = 0;
        for (int i = 0; i < v.size; i++) {
            if (inlier[i]) {
                // frame in the high bits, weight's bits below: sorting groups a frame's votes, heaviest last
                frames[n++] = ((long) v.query[i] << 32) | Float.floatToIntBits(v.weight[i]);
            }
        }
        Arrays.sort(frames, 0, n);
        double score = 0;
        for (int i = 0; i < n; i++) {
            if (i == n - 1 || (frames[i] >>> 32) != (frames[i + 1] >>> 32)) {
                score += Float.intBitsToFloat((int) frames[i]);
            }
        }
        return score;
    }

    /** reference frame = tempo * query frame + offset. */
    record Line(double tempo, double offset) {
        double at(double queryFrame) {
            return tempo * queryFrame + offset;
        }

        /** Least squares through the inliers; keeps {@code fallbackTempo} when they span too little time to tell. */
        static Line fit(Votes v, boolean[] inlier, double fallbackTempo) {
            double n = 0;
            double sq = 0;
            double sr = 0;
            for (int i = 0; i < v.size; i++) {
                if (inlier[i]) {
                    n++;
                    sq += v.query[i];
                    sr += v.reference[i];
                }
            }
            if (n == 0) {
                return new Line(fallbackTempo, 0);
            }
            double mq = sq / n;
            double mr = sr / n;
            double sqq = 0;
            double sqr = 0;
            for (int i = 0; i < v.size; i++) {
                if (inlier[i]) {
                    sqq += (v.query[i] - mq) * (v.query[i] - mq);
                    sqr += (v.query[i] - mq) * (v.reference[i] - mr);
                }
            }
            double spread = Math.sqrt(sqq / n);
            double tempo = spread < PeakFinder.FRAMES_PER_SECOND
                    ? fallbackTempo
                    : Math.max(1 / MAX_TEMPO, Math.min(MAX_TEMPO, sqr / sqq));
            return new Line(tempo, mr - tempo * mq);
        }
    }

    /** One track's votes: anchor frames and spans in query and reference, and the shift between the anchors. */
    static final class Votes {
        final int track;
        int size;
        int[] query = new int[16];
        int[] reference = new int[16];
        short[] querySpan = new short[16];
        short[] referenceSpan = new short[16];
        float[] shift = new float[16];
        float[] weight = new float[16];

        Votes(int track) {
            this.track = track;
        }

        void add(
                int queryFrame,
                int referenceFrame,
                int queryTripletSpan,
                int referenceTripletSpan,
                float shiftEstimate,
                float hashWeight) {
            if (size == query.length) {
                int capacity = size * 2;
                query = Arrays.copyOf(query, capacity);
                reference = Arrays.copyOf(reference, capacity);
                querySpan = Arrays.copyOf(querySpan, capacity);
                referenceSpan = Arrays.copyOf(referenceSpan, capacity);
                shift = Arrays.copyOf(shift, capacity);
                weight = Arrays.copyOf(weight, capacity);
            }
            query[size] = queryFrame;
            reference[size] = referenceFrame;
            querySpan[size] = (short) queryTripletSpan;
            referenceSpan[size] = (short) referenceTripletSpan;
            shift[size] = shiftEstimate;
            weight[size] = hashWeight;
            size++;
        }
    }
}
