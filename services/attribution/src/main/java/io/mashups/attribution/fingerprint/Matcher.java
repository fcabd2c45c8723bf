package io.mashups.attribution.fingerprint;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Keys holding more postings than this many times the mean are skipped: too common to tell tracks apart. */
    private static final double COMMON_LIST_FACTOR = 32;
    private static final int MIN_COMMON_LIST = 64;
    private static final int MAX_CANDIDATES = 24;
    private static final double TEMPO_STEP = 0.02;
    private static final int OFFSET_CELL = 16;
    private static final double LINE_TOLERANCE = 3;
    private static final double SHIFT_TOLERANCE = 0.6;
    /** Agreeing moments below which a track is not reported at all. */
    static final int MIN_SCORE = 8;

    public static long T_COLLECT, T_TOTAL, N_VOTES;
    private Matcher() {
    }

    public static List<Match> match(Landmarks query, FingerprintIndex index) {
        long t0 = System.nanoTime();
        index.lock().readLock().lock();
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
        T_COLLECT += System.nanoTime() - t0;
        List<Match> matches = new ArrayList<>();
        for (Votes votes : candidates) {
            N_VOTES += votes.size;
            Match match = fit(votes.track, votes);
            if (match != null) {
                matches.add(match);
            }
        }
        matches.sort(Comparator.comparingInt(Match::score).reversed());
        T_TOTAL += System.nanoTime() - t0;
        return matches;
    }

    /** Every key each query triplet probes, with the weight of what it finds there (common keys are left out). */
    private record Probes(List<Triplet> triplets, int[][] keys, float[][] weights) {
        static Probes of(Landmarks query, FingerprintIndex index) {
            int tracks = Math.max(1, index.tracks());
            double maxList = Math.max(MIN_COMMON_LIST, COMMON_LIST_FACTOR * index.postings() / (1 << TripletHash.KEY_BITS));
            double idfScale = Math.log(1 + tracks);
            List<Triplet> triplets = query.triplets();
            int[][] keys = new int[triplets.size()][];
            float[][] weights = new float[triplets.size()][];
            int[] scratch = new int[TripletHash.MAX_PROBES];
            float[] weightScratch = new float[TripletHash.MAX_PROBES];
            for (int i = 0; i < triplets.size(); i++) {
                int probed = TripletHash.probes(triplets.get(i), scratch);
                int kept = 0;
                for (int p = 0; p < probed; p++) {
                    int listSize = index.size(scratch[p]);
                    if (listSize > 0 && listSize <= maxList) {
                        scratch[kept] = scratch[p];
                        // a hash that many tracks share tells little (inverse document frequency)
                        weightScratch[kept++] = (float) (Math.log(1 + (double) tracks / listSize) / idfScale);
                    }
                }
                keys[i] = Arrays.copyOf(scratch, kept);
                weights[i] = Arrays.copyOf(weightScratch, kept);
            }
            return new Probes(triplets, keys, weights);
        }
    }

    /**
     * First pass: weighted votes per track in cells of (shift, tempo); the tracks whose best cell is heaviest go on to
     * the full match. Agreement on one shift and tempo already separates a real source from chance collisions.
     */
    private static int[] candidates(Probes probes, FingerprintIndex index) {
        int trackSlots = index.maxTrackId() + 1;
        float[] cells = new float[trackSlots * PRE_CELLS];
        for (int i = 0; i < probes.triplets().size(); i++) {
            Triplet q = probes.triplets().get(i);
            int[] keys = probes.keys()[i];
            for (int p = 0; p < keys.length; p++) {
                float weight = probes.weights()[i][p];
                index.forEach(keys[p], (track, payload) -> {
                    int span = Fingerprint.span(payload);
                    float shift = q.anchorPitch() - Fingerprint.pitch(payload);
                    if (agrees(q.span(), span, shift)) {
                        cells[track * PRE_CELLS + preCell((float) span / q.span(), shift)] += weight;
                    }
                });
            }
        }
        float[] best = new float[trackSlots];
        for (int track = 0; track < trackSlots; track++) {
            float max = 0;
            for (int c = track * PRE_CELLS; c < (track + 1) * PRE_CELLS; c++) {
                max = Math.max(max, cells[c]);
            }
            best[track] = max;
        }
        return java.util.stream.IntStream.range(0, trackSlots).filter(t -> best[t] >= MIN_PRE_SCORE).boxed()
                .sorted(Comparator.comparingDouble((Integer t) -> best[t]).reversed()).limit(MAX_CANDIDATES)
                .mapToInt(Integer::intValue).toArray();
    }

    /** Second pass: every agreeing vote of the candidate tracks. */
    private static List<Votes> votes(Probes probes, FingerprintIndex index, int[] selected) {
        Votes[] byTrack = new Votes[index.maxTrackId() + 1];
        List<Votes> all = new ArrayList<>();
        for (int track : selected) {
            byTrack[track] = new Votes(track);
            all.add(byTrack[track]);
        }
        if (all.isEmpty()) {
            return all;
        }
        for (int i = 0; i < probes.triplets().size(); i++) {
            Triplet q = probes.triplets().get(i);
            int[] keys = probes.keys()[i];
            for (int p = 0; p < keys.length; p++) {
                float weight = probes.weights()[i][p];
                index.forEach(keys[p], (track, payload) -> {
                    Votes votes = byTrack[track];
                    if (votes == null) {
                        return;
                    }
                    int span = Fingerprint.span(payload);
                    float shift = q.anchorPitch() - Fingerprint.pitch(payload);
                    if (agrees(q.span(), span, shift)) {
                        votes.add(q.anchorFrame(), Fingerprint.frame(payload), q.span(), span, shift, weight);
                    }
                });
            }
        }
        return all;
    }

    /** Whether a reference triplet's span and pitch are within the stretch and shift a query may have. */
    private static boolean agrees(int querySpan, int referenceSpan, float shift) {
        return referenceSpan * MAX_TEMPO + SPAN_JITTER >= querySpan && referenceSpan <= querySpan * MAX_TEMPO + SPAN_JITTER
                && Math.abs(shift) <= MAX_SHIFT;
    }

    private static int preCell(float tempo, float shift) {
        int tempoCell = Math.max(0, Math.min(PRE_TEMPO_CELLS - 1, Math.round((tempo - 1) / 0.04f) + PRE_TEMPO_CELLS / 2));
        int shiftCell = Math.max(0, Math.min(PRE_SHIFT_CELLS - 1, Math.round(shift) + PRE_SHIFT_CELLS / 2));
        return tempoCell * PRE_SHIFT_CELLS + shiftCell;
    }

    /** The best agreeing set of one track's votes, or null when too few agree. */
    static Match fit(int track, Votes v) {
        // coarse: tempo steps of 2%, offset cells of 16 frames, shift cells of a semitone
        long[] cells = new long[v.size];
        long bestCell = 0;
        int bestCount = 0;
        double bestTempo = 1;
        for (double tempo = 1 / MAX_TEMPO; tempo <= MAX_TEMPO; tempo += TEMPO_STEP) {
            int n = 0;
            for (int i = 0; i < v.size; i++) {
                if (Math.abs(v.referenceSpan[i] - tempo * v.querySpan[i]) <= SPAN_JITTER + 0.03 * v.querySpan[i]) {
                    long offsetCell = Math.floorDiv((long) Math.round(v.reference[i] - tempo * v.query[i]), OFFSET_CELL);
                    long shiftCell = Math.round(v.shift[i]) + 8;
                    cells[n++] = ((offsetCell + (1L << 30)) << 8) | shiftCell;
                }
            }
            Arrays.sort(cells, 0, n);
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && cells[j] == cells[i]) {
                    j++;
                }
                if (j - i > bestCount) {
                    bestCount = j - i;
                    bestCell = cells[i];
                    bestTempo = tempo;
                }
                i = j;
            }
        }
        if (bestCount < MIN_SCORE) {
            return null;
        }
        double offset = ((bestCell >>> 8) - (1L << 30)) * OFFSET_CELL + OFFSET_CELL / 2.0;
        double shift = (bestCell & 0xFF) - 8;
        // refine: votes near the coarse line, a least-squares line through them, then the votes on that line
        Line line = new Line(bestTempo, offset);
        boolean[] inlier = new boolean[v.size];
        select(v, line, OFFSET_CELL * 1.5, shift, 1.0, inlier);
        line = Line.fit(v, inlier, bestTempo);
        shift = medianShift(v, inlier);
        select(v, line, LINE_TOLERANCE * 2, shift, SHIFT_TOLERANCE, inlier);
        line = Line.fit(v, inlier, line.tempo);
        shift = medianShift(v, inlier);
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
        return new Match(track, first / fps, last / fps, line.at(first) / fps, line.at(last) / fps,
                Math.round(line.tempo * 1000) / 1000.0, Math.round(shift * 10) / 10.0, score, Confidence.of(score));
    }

    private static void select(Votes v, Line line, double tolerance, double shift, double shiftTolerance, boolean[] inlier) {
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
            double tempo = spread < PeakFinder.FRAMES_PER_SECOND ? fallbackTempo
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

        void add(int queryFrame, int referenceFrame, int queryTripletSpan, int referenceTripletSpan, float shiftEstimate,
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
