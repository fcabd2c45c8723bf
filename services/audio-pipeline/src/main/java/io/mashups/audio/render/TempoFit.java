package io.mashups.audio.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mix tempo of a vocal over instrumentals, chosen as a producer would. Each source may be counted at half, double
 * (or a quarter, four times) its own tempo, as DJs mix half- and double-time; the tempos that keep every source within
 * its stretch limit form a band, and the whole band is searched, not one mean. Inside the band the instrumentals move
 * least (a band's transients smear sooner than a voice stretched with its formants kept), then the vocal. The limits
 * loosen in steps, each step said in the result: first every source within {@value #CLEAN_STRETCH} (clean); then the
 * vocal up to {@value #VOCAL_STRETCH}; then the instrumentals too; last, the tempo that stretches least. After octave
 * folding no two tempos are more than a factor of the square root of two apart, which 15% on the band and 23% on the
 * vocal cover, so a vocal over one instrumental always fits by the second step. The tempo stays within
 * {@value #MIN_BPM}-{@value #MAX_BPM} BPM, the range the API accepts.
 */
final class TempoFit {
    static final double CLEAN_STRETCH = 0.15;
    static final double VOCAL_STRETCH = 0.25;
    static final double MIN_BPM = 60;
    static final double MAX_BPM = 200;
    /** How a source's tempo may be counted. */
    private static final double[] MULTIPLES = {1, 0.5, 2, 0.25, 4};
    /**
     * The first instrumental's beat is the beat the listener hears and the tempo the mashup reports (counted at half,
     * a band at 100 BPM reported as 50 would be measured at 100): it keeps its own.
     */
    private static final double[] MAIN_MULTIPLES = {1};
    /** Per octave a source is counted away from its own tempo: equal stretches favour the simpler relation. */
    private static final double OCTAVE_COST = 0.02;
    /** The band's stretch counts twice the vocal's. */
    private static final double BED_WEIGHT = 2;

    private record Step(double vocalLimit, double bedLimit) {}

    private static final List<Step> STEPS = List.of(
            new Step(CLEAN_STRETCH, CLEAN_STRETCH),
            new Step(VOCAL_STRETCH, CLEAN_STRETCH),
            new Step(VOCAL_STRETCH, VOCAL_STRETCH),
            new Step(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));

    /**
     * The tempo and how each source is counted to reach it.
     *
     * @param multiples   per source (the vocal first, then the instrumentals): its tempo is counted times this
     * @param compromises what was done beyond clean mixing, in words for the result; empty when nothing was
     */
    record Choice(double bpm, List<Double> multiples, List<String> compromises) {}

    private TempoFit() {}

    /** The best tempo for these sources (the vocal's tempo first), loosening the limits only as far as needed. */
    static Choice choose(double vocalBpm, List<Double> bedBpms) {
        double[] bpms = bpms(vocalBpm, bedBpms);
        for (Step step : STEPS) {
            Candidate best = best(bpms, step, new double[bpms.length], 0, null);
            if (best != null) {
                return best.choice(bpms);
            }
        }
        throw new IllegalStateException("the last step has no limit");
    }

    /** Each source counted as close as it can be to the tempo asked for; the caller checks the limits. */
    static Choice at(double asked, double vocalBpm, List<Double> bedBpms) {
        double[] bpms = bpms(vocalBpm, bedBpms);
        List<Double> multiples = new ArrayList<>();
        for (int i = 0; i < bpms.length; i++) {
            multiples.add(nearestMultiple(bpms[i], asked, i == 1 ? MAIN_MULTIPLES : MULTIPLES));
        }
        return new Choice(asked, List.copyOf(multiples), compromises(asked, multiples, bpms));
    }

    /** |output/input - 1|, the stretch as the limits count it. */
    static double stretch(double target, double counted) {
        return Math.abs(target / counted - 1);
    }

    private static double[] bpms(double vocalBpm, List<Double> bedBpms) {
        double[] bpms = new double[bedBpms.size() + 1];
        bpms[0] = vocalBpm;
        for (int i = 0; i < bedBpms.size(); i++) {
            bpms[i + 1] = bedBpms.get(i);
        }
        return bpms;
    }

    private record Candidate(double bpm, double[] multiples, double cost) {
        Choice choice(double[] bpms) {
            List<Double> list = java.util.Arrays.stream(multiples).boxed().toList();
            return new Choice(bpm, list, compromises(bpm, list, bpms));
        }
    }

    /** Tries every way of counting the sources from {@code index} on; the cheapest tempo of all, or null. */
    private static Candidate best(double[] bpms, Step step, double[] multiples, int index, Candidate best) {
        if (index == bpms.length) {
            Candidate candidate = inBand(bpms, step, multiples);
            return candidate != null && (best == null || candidate.cost() < best.cost()) ? candidate : best;
        }
        for (double multiple : index == 1 ? MAIN_MULTIPLES : MULTIPLES) {
            multiples[index] = multiple;
            best = best(bpms, step, multiples, index + 1, best);
        }
        return best;
    }

    /** The cheapest tempo where every source, so counted, is within its limit; null when the band is empty. */
    private static Candidate inBand(double[] bpms, Step step, double[] multiples) {
        double lo = MIN_BPM;
        double hi = MAX_BPM;
        for (int i = 0; i < bpms.length; i++) {
            double limit = i == 0 ? step.vocalLimit() : step.bedLimit();
            double counted = bpms[i] * multiples[i];
            lo = Math.max(lo, counted * (1 - Math.min(limit, 1)));
            hi = Math.min(hi, counted * (1 + limit));
        }
        if (lo > hi) {
            return null;
        }
        // the weighted sum of |log stretch| is least at a source's own tempo or at an edge of the band
        Candidate best = null;
        for (int i = -1; i <= bpms.length; i++) {
            double bpm = i < 0 ? lo : i == bpms.length ? hi : Math.max(lo, Math.min(hi, bpms[i] * multiples[i]));
            double cost = 0;
            for (int j = 0; j < bpms.length; j++) {
                double counted = bpms[j] * multiples[j];
                cost += (j == 0 ? 1 : BED_WEIGHT) * Math.abs(Math.log(bpm / counted))
                        + OCTAVE_COST * Math.abs(Math.log(multiples[j]) / Math.log(2));
            }
            if (best == null || cost < best.cost() - 1e-12) {
                best = new Candidate(bpm, multiples.clone(), cost);
            }
        }
        return best;
    }

    /** What a choice did beyond clean mixing, in words. */
    private static List<String> compromises(double bpm, List<Double> multiples, double[] bpms) {
        List<String> said = new ArrayList<>();
        double vocal = stretch(bpm, bpms[0] * multiples.get(0));
        if (vocal > CLEAN_STRETCH + 1e-9) {
            said.add(String.format(
                    Locale.ROOT,
                    "the vocal is time-stretched by %.0f%%, more than the %.0f%% that stays clean (its formants are"
                            + " kept), because no tempo lies within %.0f%% of every song",
                    vocal * 100,
                    CLEAN_STRETCH * 100,
                    CLEAN_STRETCH * 100));
        }
        double bed = 0;
        for (int i = 1; i < bpms.length; i++) {
            bed = Math.max(bed, stretch(bpm, bpms[i] * multiples.get(i)));
        }
        if (bed > CLEAN_STRETCH + 1e-9) {
            said.add(String.format(
                    Locale.ROOT,
                    "the instrumentals are time-stretched by up to %.0f%% to meet one tempo, more than the %.0f%%"
                            + " that stays clean",
                    bed * 100,
                    CLEAN_STRETCH * 100));
        }
        return List.copyOf(said);
    }

    /** The multiple of {@code bpm} among {@code allowed} closest to {@code reference} (half/double-time mixing). */
    static double nearestMultiple(double bpm, double reference, double[] allowed) {
        double best = allowed[0];
        for (double candidate : allowed) {
            if (Math.abs(Math.log(bpm * candidate / reference)) < Math.abs(Math.log(bpm * best / reference)) - 1e-12) {
                best = candidate;
            }
        }
        return best;
    }
}
