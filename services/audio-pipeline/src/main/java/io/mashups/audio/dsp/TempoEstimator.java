package io.mashups.audio.dsp;

import java.util.ArrayList;
import java.util.List;

/**
 * Tempo, beats and downbeats from the onset envelope.
 * <ol>
 * <li>The envelope's autocorrelation is read through a comb: a beat period is supported by the correlation at one,
 * two, three and four periods (beats, half bars, bars), which off-beat hi-hats alone do not give a period half as
 * long; a broad prior around 120 BPM settles what the comb leaves open.</li>
 * <li>Beats are tracked by dynamic programming (Ellis 2007): each beat rewards onset strength and penalises
 * departing from the period.</li>
 * <li>The tempo reported is the least-squares slope through the tracked beats, far finer than one frame.</li>
 * <li>Downbeats are the beat phase, modulo four, where the bass hits and the harmony changes.</li>
 * </ol>
 */
public final class TempoEstimator {
    static final double MIN_BPM = 50;
    static final double MAX_BPM = 220;
    private static final double PRIOR_CENTRE_BPM = 120;
    private static final double PRIOR_OCTAVES = 1.2;
    private static final double TIGHTNESS = 100;
    /**
     * Below this alternation a level is too fast. On the test songs a too-fast level measured 0.05-0.32 and the beat
     * level 0.70-0.86.
     */
    private static final double BACKBEAT_RATIO = 0.5;

    /** Tempo in BPM, beat and downbeat times in seconds. */
    public record Estimate(double bpm, double[] beats, double[] downbeats, double confidence) {}

    private TempoEstimator() {}

    public static Estimate estimate(MusicFeatures features) {
        double fps = features.frameRate();
        double[] envelope = normalised(features.onset(), fps);
        int maxLag = (int) Math.ceil(4 * 60 * fps / MIN_BPM) + 2;
        double[] acf = autocorrelation(envelope, Math.min(maxLag, envelope.length - 1));
        double bestScore = 0;
        double bestBpm = PRIOR_CENTRE_BPM;
        double total = 0;
        int candidates = 0;
        for (double bpm = MIN_BPM; bpm <= MAX_BPM; bpm += 0.25) {
            double period = 60 * fps / bpm;
            double comb = 0;
            for (int multiple = 1; multiple <= 4; multiple++) {
                comb += interpolate(acf, multiple * period);
            }
            double octaves = Math.log(bpm / PRIOR_CENTRE_BPM) / Math.log(2);
            double score = comb * Math.exp(-0.5 * octaves * octaves / (PRIOR_OCTAVES * PRIOR_OCTAVES));
            total += Math.max(0, score);
            candidates++;
            if (score > bestScore) {
                bestScore = score;
                bestBpm = bpm;
            }
        }
        bestBpm = metricalLevel(normalised(features.bodyOnset(), fps), fps, bestBpm);
        double period = 60 * fps / bestBpm;
        int[] beatFrames = trackBeats(envelope, period);
        double[] beats = new double[beatFrames.length];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = beatFrames[i] / fps;
        }
        double bpm = beats.length >= 8 ? 60 / slope(beats) : bestBpm;
        double confidence = total <= 0 ? 0 : Math.min(1, bestScore / (total / candidates) / 4);
        return new Estimate(bpm, beats, downbeats(features, beatFrames), confidence);
    }

    /**
     * Settles double- and half-time confusion by the backbeat: at the beat level of a song every beat is a drum hit
     * (kick and snare alternate), while at twice the tempo every other beat is an off-beat that only the hi-hats mark. Measured on the onsets
     * below the cymbals' band, those off-beats are nearly empty.
     * So a level whose alternate beats are much weaker than the others is too fast, and a twice-faster level whose
     * alternate beats are about as strong is the right one.
     */
    private static double metricalLevel(double[] envelope, double fps, double bpm) {
        if (bpm / 2 >= MIN_BPM && alternation(envelope, 60 * fps / bpm) < BACKBEAT_RATIO) {
            return bpm / 2;
        }
        if (bpm * 2 <= MAX_BPM && alternation(envelope, 60 * fps / (2 * bpm)) >= BACKBEAT_RATIO) {
            return bpm * 2;
        }
        return bpm;
    }

    /** Onset strength on odd beats against even beats (the weaker over the stronger, 0..1) at the given period. */
    static double alternation(double[] envelope, double period) {
        int[] beats = trackBeats(envelope, period);
        double[] sums = new double[2];
        for (int i = 0; i < beats.length; i++) {
            double peak = 0;
            for (int f = Math.max(0, beats[i] - 2); f <= Math.min(envelope.length - 1, beats[i] + 2); f++) {
                peak = Math.max(peak, envelope[f]);
            }
            sums[i % 2] += peak;
        }
        double strong = Math.max(sums[0], sums[1]);
        return strong == 0 ? 1 : Math.min(sums[0], sums[1]) / strong;
    }

    /** Removes the local mean (so sustained loudness is no onset) and scales to unit standard deviation. */
    private static double[] normalised(float[] onset, double fps) {
        int radius = (int) (0.25 * fps);
        double[] out = new double[onset.length];
        double sum = 0;
        int lo = 0;
        int hi = -1;
        for (int i = 0; i < onset.length; i++) {
            while (hi < Math.min(onset.length - 1, i + radius)) {
                sum += onset[++hi];
            }
            while (lo < i - radius) {
                sum -= onset[lo++];
            }
            out[i] = Math.max(0, onset[i] - sum / (hi - lo + 1));
        }
        double mean = 0;
        for (double v : out) {
            mean += v / out.length;
        }
        double var = 0;
        for (double v : out) {
            var += (v - mean) * (v - mean) / out.length;
        }
        double std = Math.sqrt(var) + 1e-9;
        for (int i = 0; i < out.length; i++) {
            out[i] /= std;
        }
        return out;
    }

    private static double[] autocorrelation(double[] x, int maxLag) {
        double[] acf = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = lag; i < x.length; i++) {
                sum += x[i] * x[i - lag];
            }
            acf[lag] = sum / (x.length - lag);
        }
        return acf;
    }

    private static double interpolate(double[] values, double position) {
        int i = (int) position;
        if (i + 1 >= values.length) {
            return 0;
        }
        double fraction = position - i;
        return values[i] * (1 - fraction) + values[i + 1] * fraction;
    }

    /** Ellis's dynamic-programming beat tracker over the normalised envelope. */
    private static int[] trackBeats(double[] envelope, double period) {
        int n = envelope.length;
        double[] score = new double[n];
        int[] previous = new int[n];
        for (int t = 0; t < n; t++) {
            double best = 0;
            int from = -1;
            int earliest = (int) Math.max(0, t - Math.round(2 * period));
            int latest = (int) (t - Math.round(period / 2));
            for (int tau = earliest; tau <= latest; tau++) {
                double deviation = Math.log((t - tau) / period);
                double candidate = score[tau] - TIGHTNESS * deviation * deviation;
                if (from < 0 || candidate > best) {
                    best = candidate;
                    from = tau;
                }
            }
            score[t] = envelope[t] + (from < 0 ? 0 : Math.max(0, best));
            previous[t] = from >= 0 && best > 0 ? from : -1;
        }
        // end on the strongest beat in the last period
        int end = n - 1;
        for (int t = (int) Math.max(0, n - period); t < n; t++) {
            if (score[t] > score[end]) {
                end = t;
            }
        }
        List<Integer> beats = new ArrayList<>();
        for (int t = end; t >= 0; t = previous[t]) {
            beats.add(0, t);
        }
        return beats.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Least-squares seconds per beat through the beat times. */
    private static double slope(double[] beats) {
        int n = beats.length;
        double meanI = (n - 1) / 2.0;
        double meanT = 0;
        for (double t : beats) {
            meanT += t / n;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanI) * (beats[i] - meanT);
            den += (i - meanI) * (i - meanI);
        }
        return num / den;
    }

    /** Picks the beat phase (of four) where the bass onsets and the harmonic changes are strongest. */
    private static double[] downbeats(MusicFeatures features, int[] beatFrames) {
        if (beatFrames.length < 8) {
            return new double[0];
        }
        double fps = features.frameRate();
        double[] bass = new double[beatFrames.length];
        double[] change = new double[beatFrames.length];
        for (int i = 0; i < beatFrames.length; i++) {
            int frame = beatFrames[i];
            for (int f = Math.max(0, frame - 2); f <= Math.min(features.lowOnset().length - 1, frame + 2); f++) {
                bass[i] = Math.max(bass[i], features.lowOnset()[f]);
            }
            if (i > 0 && i + 1 < beatFrames.length) {
                change[i] =
                        chromaDistance(features, beatFrames[i - 1] / fps, beatFrames[i] / fps, beatFrames[i + 1] / fps);
            }
        }
        normalise(bass);
        normalise(change);
        int bestPhase = 0;
        double best = -1;
        for (int phase = 0; phase < 4; phase++) {
            double sum = 0;
            int count = 0;
            for (int i = phase; i < beatFrames.length; i += 4) {
                sum += bass[i] + 2 * change[i];
                count++;
            }
            if (sum / count > best) {
                best = sum / count;
                bestPhase = phase;
            }
        }
        List<Double> downbeats = new ArrayList<>();
        for (int i = bestPhase; i < beatFrames.length; i += 4) {
            downbeats.add(beatFrames[i] / fps);
        }
        return downbeats.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double chromaDistance(MusicFeatures features, double from, double at, double to) {
        double[] before = meanChroma(features, from, at);
        double[] after = meanChroma(features, at, to);
        double distance = 0;
        for (int pc = 0; pc < 12; pc++) {
            distance += Math.abs(before[pc] - after[pc]);
        }
        return distance;
    }

    static double[] meanChroma(MusicFeatures features, double from, double to) {
        double[] mean = new double[12];
        int first = (int) Math.floor(from * features.chromaRate());
        int last = Math.max(first, (int) Math.ceil(to * features.chromaRate()) - 1);
        for (int f = Math.max(0, first); f <= Math.min(features.chroma().length - 1, last); f++) {
            for (int pc = 0; pc < 12; pc++) {
                mean[pc] += features.chroma()[f][pc];
            }
        }
        double total = 0;
        for (double v : mean) {
            total += v;
        }
        for (int pc = 0; pc < 12 && total > 0; pc++) {
            mean[pc] /= total;
        }
        return mean;
    }

    private static void normalise(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < values.length && max > 0; i++) {
            values[i] /= max;
        }
    }
}
