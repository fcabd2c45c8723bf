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
    /** How much stronger another level's backbeat must be than the comb's level's to replace it. */
    private static final double LEVEL_MARGIN = 0.05;
    /**
     * The bass band's autocorrelation a sixteenth apart above which kick and bass move in sixteenths. Measured on
     * MP3s of varied arrangements: 0.05 took the true tempo from 3 of 60 slow songs whose off-beat eighths had been
     * read as beats, 0.1 from 1, 0.15 from none (of 220, and none of 60 standard songs); half-time grooves mostly
     * measure 0.1-0.5 at half their tempo, so 0.15 keeps 14 of 40 at their tempo where 2 were (0.2: 10).
     */
    private static final double LOW_SIXTEENTHS = 0.15;

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
        bestBpm = metricalLevel(cymbalBand(features, fps, acf.length), features, fps, bestBpm);
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
     * Settles double- and half-time confusion by the backbeat, over the level the comb found and its half and double.
     * A snare sounds every second beat and is the loudest thing above the drums' bodies; hi-hats sound every beat or
     * faster, and more quietly. So at the beat level the cymbal band's rises recur more strongly two beats apart than
     * one beat apart; at half the tempo both lags hold snares, at double only the hats recur. The band is read on a
     * linear scale ({@link MusicFeatures#cymbalRise}): on the log-spectral flux a quiet hat rising from silence weighs
     * as much as a snare. Another level replaces the comb's only when its backbeat is stronger by
     * {@link #LEVEL_MARGIN}, so a song without one keeps the comb's level; and half the comb's level is not taken
     * where kick and bass would then move in sixteenths ({@link #lowPartsInSixteenths}: a half-time groove). The test before this one, on the drums'
     * bodies (kick and snare alternate, off-beats empty), read every eighth as a beat once kicks, bass lines and stabs
     * sat on the off-beats: on 160 synthesised songs of 60-200 BPM with such arrangements it had 89 right, this one
     * 160; on 160 standard songs both have all.
     */
    private static double metricalLevel(double[] cymbalAcf, MusicFeatures features, double fps, double bpm) {
        double found = backbeat(cymbalAcf, fps, bpm);
        double best = bpm;
        double bestScore = found;
        for (double level : new double[] {bpm / 2, bpm * 2}) {
            if (level >= MIN_BPM && level <= MAX_BPM && backbeat(cymbalAcf, fps, level) > bestScore) {
                best = level;
                bestScore = backbeat(cymbalAcf, fps, level);
            }
        }
        double level = bestScore > found + LEVEL_MARGIN ? best : bpm;
        if (level < bpm && lowPartsInSixteenths(features, fps, level)) {
            return bpm;
        }
        return level;
    }

    /**
     * Whether kick and bass would move in sixteenths at this tempo: their onsets recur a sixteenth apart. A half-time
     * groove (the snare on beat 3 only) has exactly the drums of a song at half its tempo with a backbeat, but its
     * bass and kick keep moving in the tempo's eighths, which at half the tempo would be sixteenths; bass lines and
     * kick patterns in running sixteenths are rare, so such a level is not taken. Off-beat eighths read as beats
     * (the case the backbeat settles) leave nothing a sixteenth apart at the true tempo.
     */
    private static boolean lowPartsInSixteenths(MusicFeatures features, double fps, double bpm) {
        // the bass band's onsets (kick and bass), correlated at the two lags around a sixteenth only
        double[] low = normalised(features.lowOnset(), fps);
        double position = 60 * fps / bpm / 4;
        int lag = (int) position;
        double fraction = position - lag;
        double correlation = autocorrelationAt(low, lag) * (1 - fraction) + autocorrelationAt(low, lag + 1) * fraction;
        return correlation > LOW_SIXTEENTHS;
    }

    /** How much more the cymbal band recurs two beats apart than one beat apart at this tempo. */
    private static double backbeat(double[] cymbalAcf, double fps, double bpm) {
        double beat = 60 * fps / bpm;
        return interpolate(cymbalAcf, 2 * beat) - interpolate(cymbalAcf, beat);
    }

    /** The autocorrelation of the cymbal band's rises. */
    private static double[] cymbalBand(MusicFeatures features, double fps, int lags) {
        return autocorrelation(normalised(features.cymbalRise(), fps), lags - 1);
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
            acf[lag] = autocorrelationAt(x, lag);
        }
        return acf;
    }

    private static double autocorrelationAt(double[] x, int lag) {
        double sum = 0;
        for (int i = lag; i < x.length; i++) {
            sum += x[i] * x[i - lag];
        }
        return sum / (x.length - lag);
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
