package io.mashups.media;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What repeats in a song (REPET-SIM, Rafii and Pardo 2012): an accompaniment plays the same drums, bass line and chords
 * again and again, a lead voice rarely sings the same note at the same place twice. For every STFT frame, the frames
 * most like it (cosine similarity of their low register, at least {@link #MIN_DISTANCE_SEC} away, so
 * not the same sung note) are found over the whole song; a low quantile of their magnitudes, bin by bin, is what of
 * this frame repeats (the paper takes the median of many more frames; a short song offers few). A recording that does
 * not repeat that closely (one voice alone, whose similar frames are its own notes) gets no model at all. The frames are
 * {@link StereoSeparation}'s (same window, hop and centring), magnitudes of the mid (left plus right) signal, kept in a
 * spill file beside the song instead of the heap.
 */
final class RepeatingBackground implements Closeable {
    static final double MIN_DISTANCE_SEC = 1.0;
    static final double MAX_DISTANCE_SEC = 90;
    /** How many similar frames each frame keeps. */
    static final int NEIGHBOURS = 6;
    /**
     * Which of a bin's similar magnitudes (by rank, 0 the least) models the repeating part: low, so a voice that one
     * of the similar frames also happens to have does not count as repeating.
     */
    static final double QUANTILE = 0.2;
    /**
     * Frames are compared in the bass and kick register only: the accompaniment's repetition is heard there (the chord
     * under it follows the bass line) and a lead voice seldom reaches it, where comparing the whole spectrum finds the
     * frames where the voice sings the same note instead.
     */
    private static final double LOWEST_HZ = 40;

    private static final double HIGHEST_HZ = 300;
    /**
     * A frame whose low register is this far below the song's median (-60 dB), or below its own whole spectrum (-40
     * dB: a passage without bass or kick), has nothing to compare.
     */
    private static final double SILENT = 1e-3;

    private static final double WITHOUT_LOW_REGISTER = 1e-2;
    /**
     * Whether a song repeats at all is decided on frames in context: a frame's low register and that of the frames
     * {@link #CONTEXT_SPACING} (93 ms) and twice as far before and after it. A sung or spoken passage at one pitch is
     * like another for a frame or two, an accompaniment's bar like another for all of them. (Choosing the similar
     * frames themselves in context put phrase starts of speech over a band 1.3 s off instead of 0.36 s.)
     */
    private static final int CONTEXT_SPACING = 8;

    private static final int CONTEXT_STEPS = 2;
    /** The decision asks every eighth frame: a song repeats or not as a whole, and the search is costly in context. */
    private static final int DECISION_STRIDE = 8;
    /**
     * A song repeats when half its sounding frames have a frame this alike (cosine of the context): bands measured
     * 0.997 and more, one voice alone 0.90-0.94, where what repeats is the voice itself.
     */
    private static final float REPEATED = 0.98f;

    private final int bins;
    private final int frames;
    private final int[][] neighbours;
    private final FileChannel spill;
    private final Path spillFile;
    private final ByteBuffer row;
    private final float[][] rows;

    private RepeatingBackground(int bins, int frames, int[][] neighbours, FileChannel spill, Path spillFile) {
        this.bins = bins;
        this.frames = frames;
        this.neighbours = neighbours;
        this.spill = spill;
        this.spillFile = spillFile;
        this.row = ByteBuffer.allocate(4 * bins).order(ByteOrder.LITTLE_ENDIAN);
        this.rows = new float[NEIGHBOURS][bins];
    }

    /** Reads the song once: every frame's mid magnitudes to the spill file, then each frame's most similar frames. */
    static RepeatingBackground measure(Path stereoPcm, int sampleRate) throws IOException {
        int window = StereoSeparation.WINDOW;
        int hop = StereoSeparation.HOP;
        int bins = window / 2 + 1;
        Fft fft = new Fft(window);
        double[] hann = Fft.hann(window);
        int lowest = (int) Math.ceil(LOWEST_HZ * window / sampleRate);
        int highest = (int) Math.floor(HIGHEST_HZ * window / sampleRate);
        Path spillFile = Files.createTempFile(stereoPcm.toAbsolutePath().getParent(), "magnitudes-", ".f32");
        FileChannel spill = FileChannel.open(
                spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        try {
            float[][] ring = new float[2][window];
            double[] re = new double[window];
            double[] im = new double[window];
            ByteBuffer out = ByteBuffer.allocate(4 * bins).order(ByteOrder.LITTLE_ENDIAN);
            float[][] features = new float[1024][];
            double[] loudness = new double[1024];
            int frames = 0;
            long total;
            try (PcmReader reader = new PcmReader(stereoPcm, 2)) {
                int got = reader.read(ring, window / 2, window - window / 2);
                total = got;
                boolean ended = got < window - window / 2;
                while ((long) frames * hop - window / 2 < total) {
                    for (int i = 0; i < window; i++) {
                        re[i] = (ring[0][i] + ring[1][i]) * hann[i];
                    }
                    fft.realForward(re, im);
                    float[] feature = new float[highest - lowest + 1];
                    double power = 0;
                    out.clear();
                    for (int k = 0; k < bins; k++) {
                        double m = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
                        m = m == m ? m : 0;
                        power += m * m;
                        out.putFloat((float) m);
                        if (k >= lowest && k <= highest) {
                            feature[k - lowest] = (float) m;
                        }
                    }
                    out.flip();
                    spill.write(out, (long) frames * 4 * bins);
                    if (frames == features.length) {
                        features = Arrays.copyOf(features, frames * 2);
                        loudness = Arrays.copyOf(loudness, frames * 2);
                    }
                    loudness[frames] = normalise(feature);
                    if (loudness[frames] <= WITHOUT_LOW_REGISTER * Math.sqrt(power)) {
                        loudness[frames] = 0;
                    }
                    features[frames++] = feature;
                    int read = StereoSeparation.advance(reader, ring, ended);
                    ended |= read < hop;
                    total += read;
                }
            }
            int minDistance = (int) Math.round(MIN_DISTANCE_SEC * sampleRate / hop);
            int maxDistance = (int) Math.round(MAX_DISTANCE_SEC * sampleRate / hop);
            double[] sorted = Arrays.copyOf(loudness, frames);
            Arrays.sort(sorted);
            double silent = frames == 0 ? 0 : SILENT * sorted[frames / 2];
            for (int t = 0; t < frames; t++) {
                if (!(loudness[t] > silent)) {
                    Arrays.fill(features[t], 0);
                }
            }
            return new RepeatingBackground(
                    bins,
                    frames,
                    repeats(inContext(features, frames), frames, minDistance, maxDistance)
                            ? mostSimilar(features, frames, minDistance, maxDistance)
                            : new int[frames][0],
                    spill,
                    spillFile);
        } catch (IOException | RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    /**
     * The repeating part's magnitude at every bin of {@code frame} (a low quantile of its similar frames'), or false
     * when the frame has no similar frames (the song does not repeat, or nothing there can be compared).
     */
    boolean model(int frame, double[] out) throws IOException {
        if (frame < 0 || frame >= frames || neighbours[frame].length == 0) {
            return false;
        }
        int[] similar = neighbours[frame];
        for (int n = 0; n < similar.length; n++) {
            row.clear();
            spill.read(row, (long) similar[n] * 4 * bins);
            row.flip();
            row.asFloatBuffer().get(rows[n]);
        }
        float[] values = new float[similar.length];
        for (int k = 0; k < bins; k++) {
            for (int n = 0; n < similar.length; n++) {
                values[n] = rows[n][k];
            }
            Arrays.sort(values);
            out[k] = values[(int) Math.round(QUANTILE * (values.length - 1))];
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        spill.close();
        Files.deleteIfExists(spillFile);
    }

    /**
     * Each frame's {@link #NEIGHBOURS} most similar frames within the distance band (positive similarity only); none
     * for a frame with fewer.
     */
    private static int[][] mostSimilar(float[][] features, int frames, int minDistance, int maxDistance) {
        float[][] best = new float[frames][NEIGHBOURS];
        int[][] index = new int[frames][NEIGHBOURS];
        int[] count = new int[frames];
        float[] weakest = new float[frames];
        for (int t = 0; t < frames; t++) {
            float[] a = features[t];
            int last = Math.min(frames - 1, t + maxDistance);
            for (int j = t + minDistance; j <= last; j++) {
                float[] b = features[j];
                float similarity = 0;
                for (int k = 0; k < a.length; k++) {
                    similarity += a[k] * b[k];
                }
                if (similarity > weakest[t]) {
                    weakest[t] = offer(best[t], index[t], count, t, similarity, j);
                }
                if (similarity > weakest[j]) {
                    weakest[j] = offer(best[j], index[j], count, j, similarity, t);
                }
            }
        }
        int[][] neighbours = new int[frames][];
        for (int t = 0; t < frames; t++) {
            neighbours[t] = count[t] == NEIGHBOURS ? index[t] : new int[0];
        }
        return neighbours;
    }

    /**
     * Whether the song repeats: half its sounding frames (every {@link #DECISION_STRIDE}th is asked) have a frame at
     * least {@link #REPEATED} alike in context.
     */
    private static boolean repeats(float[][] context, int frames, int minDistance, int maxDistance) {
        float[] closest = new float[frames / DECISION_STRIDE + 1];
        int sounding = 0;
        for (int t = 0; t < frames; t += DECISION_STRIDE) {
            float[] a = context[t];
            float best = 0;
            int first = Math.max(0, t - maxDistance);
            int last = Math.min(frames - 1, t + maxDistance);
            for (int j = first; j <= last; j++) {
                if (Math.abs(j - t) < minDistance) {
                    continue;
                }
                float similarity = 0;
                for (int k = 0; k < a.length; k++) {
                    similarity += a[k] * context[j][k];
                }
                best = Math.max(best, similarity);
            }
            if (best > 0) {
                closest[sounding++] = best;
            }
        }
        Arrays.sort(closest, 0, sounding);
        return sounding > 0 && closest[sounding / 2] >= REPEATED;
    }

    /**
     * Keeps the best {@link #NEIGHBOURS} offers of frame t (unsorted; the weakest replaced); returns the similarity an
     * offer must now beat (0 until the list is full).
     */
    private static float offer(float[] best, int[] index, int[] count, int t, float similarity, int candidate) {
        if (count[t] < best.length) {
            best[count[t]] = similarity;
            index[count[t]++] = candidate;
            return count[t] < best.length ? 0 : min(best);
        }
        int weakest = 0;
        for (int n = 1; n < best.length; n++) {
            if (best[n] < best[weakest]) {
                weakest = n;
            }
        }
        best[weakest] = similarity;
        index[weakest] = candidate;
        return min(best);
    }

    private static float min(float[] values) {
        float min = values[0];
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** Each frame's feature followed by its neighbours' in time, so that frames compare with what surrounds them. */
    private static float[][] inContext(float[][] features, int frames) {
        float[][] stacked = new float[frames][];
        for (int t = 0; t < frames; t++) {
            int width = features[t].length;
            float[] context = new float[width * (2 * CONTEXT_STEPS + 1)];
            boolean silent = true;
            for (float v : features[t]) {
                silent &= v == 0;
            }
            for (int s = -CONTEXT_STEPS; s <= CONTEXT_STEPS && !silent; s++) {
                int at = t + s * CONTEXT_SPACING;
                if (at >= 0 && at < frames) {
                    System.arraycopy(features[at], 0, context, (s + CONTEXT_STEPS) * width, width);
                }
            }
            normalise(context);
            stacked[t] = context;
        }
        return stacked;
    }

    /** Scales the feature to unit length; returns the length it had. */
    private static double normalise(float[] feature) {
        double norm = 0;
        for (float v : feature) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            float scale = (float) (1 / norm);
            for (int i = 0; i < feature.length; i++) {
                feature[i] *= scale;
            }
        }
        return norm;
    }
}
