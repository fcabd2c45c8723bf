package io.mashups.audio.dsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the analysers need from a song, computed in two streaming STFT passes over mono PCM: an onset-strength
 * envelope (log-spectral flux) over the whole band and over the bass band, the cymbal band's rises at
 * {@link #frameRate}, frame energy, and
 * chroma (magnitude per pitch class, 50 Hz to 1 kHz) at {@link #chromaRate}.
 *
 * @param cymbalRise the rise of magnitude above the drums' bodies, on a linear scale, where a loud snare outweighs a
 *     quiet hi-hat (the log flux weighs them alike)
 */
public record MusicFeatures(
        int sampleRate,
        double frameRate,
        float[] onset,
        float[] lowOnset,
        float[] cymbalRise,
        float[] energy,
        double chromaRate,
        float[][] chroma,
        double durationSec) {
    public static final int SAMPLE_RATE = 22050;
    static final int ONSET_WINDOW = 2048;
    static final int ONSET_HOP = 256;
    static final int CHROMA_WINDOW = 8192;
    static final int CHROMA_HOP = 2048;
    private static final double LOW_BAND_HZ = 200;
    /** Chroma stops where most energy is fundamentals rather than their overtones. */
    private static final double CHROMA_BOTTOM_HZ = 50;

    private static final double CHROMA_TOP_HZ = 1000;
    /** Drums' bodies (kick, snare) sound below this; cymbals and hi-hats mostly above. */
    private static final double BODY_TOP_HZ = 3000;

    private static final double FLUX_TOP_HZ = 10_000;

    /**
     * Bin ranges of bands spaced evenly in log frequency (a third of an octave, at least one bin wide) from 30 Hz to
     * the top of the flux band: each band weighs the same in the onset envelope, so hi-hats, which cover hundreds of
     * linear bins, do not outweigh kick and snare.
     */
    private static int[] logBandEdges(double binHz) {
        List<Integer> edges = new ArrayList<>();
        edges.add(1);
        double hz = 30;
        while (hz < FLUX_TOP_HZ) {
            hz *= Math.pow(2, 1.0 / 3);
            int bin = (int) Math.round(Math.min(hz, FLUX_TOP_HZ) / binHz);
            if (bin > edges.get(edges.size() - 1)) {
                edges.add(bin);
            }
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads mono 32-bit float PCM at {@link #SAMPLE_RATE} Hz. */
    public static MusicFeatures extract(Path monoPcm) throws IOException {
        FloatSeries onset = new FloatSeries();
        FloatSeries lowOnset = new FloatSeries();
        FloatSeries cymbalRise = new FloatSeries();
        FloatSeries energy = new FloatSeries();
        double binHz = (double) SAMPLE_RATE / ONSET_WINDOW;
        int[] bandEdges = logBandEdges(binHz);
        int lowBands = 0;
        while (bandEdges[lowBands + 1] * binHz <= LOW_BAND_HZ) {
            lowBands++;
        }
        int bands = bandEdges.length - 1;
        int lowBandCount = lowBands;
        int bodyBands = 0;
        while (bandEdges[bodyBands + 1] * binHz <= BODY_TOP_HZ) {
            bodyBands++;
        }
        int bodyBandCount = bodyBands;
        double[] previous = new double[bands];
        double[] previousLevel = new double[bands];
        double[] current = new double[bands];
        int frames = SpectralFrames.stream(monoPcm, ONSET_WINDOW, ONSET_HOP, (index, magnitudes) -> {
            double flux = 0;
            double low = 0;
            double power = 0;
            double cymbals = 0;
            for (int band = 0; band < bands; band++) {
                double bandPower = 0;
                for (int k = bandEdges[band]; k < bandEdges[band + 1]; k++) {
                    bandPower += magnitudes[k] * magnitudes[k];
                }
                double level = Math.sqrt(bandPower);
                if (band >= bodyBandCount && index > 0) {
                    cymbals += Math.max(0, level - previousLevel[band]);
                }
                previousLevel[band] = level;
                power += bandPower;
                current[band] = Math.log(1e-6 + bandPower / (bandEdges[band + 1] - bandEdges[band]));
                double rise = current[band] - previous[band];
                if (rise > 0 && index > 0) {
                    flux += rise;
                    if (band < lowBandCount) {
                        low += rise;
                    }
                }
            }
            System.arraycopy(current, 0, previous, 0, bands);
            onset.add(flux);
            lowOnset.add(low);
            cymbalRise.add(cymbals);
            energy.add(power);
        });

        List<float[]> chroma = new ArrayList<>();
        double chromaBinHz = (double) SAMPLE_RATE / CHROMA_WINDOW;
        SpectralFrames.stream(monoPcm, CHROMA_WINDOW, CHROMA_HOP, (index, magnitudes) -> {
            float[] bins = new float[12];
            for (int k = (int) (CHROMA_BOTTOM_HZ / chromaBinHz); k <= (int) (CHROMA_TOP_HZ / chromaBinHz); k++) {
                double midi = 69 + 12 * Math.log(k * chromaBinHz / 440) / Math.log(2);
                long nearest = Math.round(midi);
                // bins between two semitones belong to neither
                double closeness = 1 - 2 * Math.abs(midi - nearest);
                if (closeness > 0) {
                    bins[(int) Math.floorMod(nearest, 12L)] += (float) (closeness * magnitudes[k]);
                }
            }
            chroma.add(bins);
        });
        return new MusicFeatures(
                SAMPLE_RATE,
                (double) SAMPLE_RATE / ONSET_HOP,
                onset.toArray(),
                lowOnset.toArray(),
                cymbalRise.toArray(),
                energy.toArray(),
                (double) SAMPLE_RATE / CHROMA_HOP,
                chroma.toArray(float[][]::new),
                (double) frames * ONSET_HOP / SAMPLE_RATE);
    }
}
