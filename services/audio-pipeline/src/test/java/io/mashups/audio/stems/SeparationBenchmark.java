package io.mashups.audio.stems;

import io.mashups.media.WorkDirs;
import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints the built-in separator's SDR per stem (the definition of {@link BuiltinSeparatorTest}) on mixes made unlike
 * the tests' own, stereo and downmixed to mono, next to the tests' own four mixes in the same run (run it with
 * bench/separation.sh, not as a test). Each song has a varied arrangement (a quarter swung), and its mix differs from
 * the synthesiser's in the ways real mixes do:
 * <ul>
 * <li>centred keys: the pad's chords played again in the centre, counted as "other";</li>
 * <li>the pad itself folded towards the centre in half of the mixes;</li>
 * <li>a backing voice (another melody over the same chords) panned anywhere, counted as "vocals", as multitrack sets
 * count backing vocals;</li>
 * <li>reverb on the voices in half of the mixes (its tail is part of the vocal stem);</li>
 * <li>levels: the lead voice -6 to +3 dB, drums and bass -4 to +4 dB against the band.</li>
 * </ul>
 * The goal: vocals and drums at least 6 dB, bass and other at least 4 dB, on average, on such mixes and their
 * mono downmixes.
 */
public final class SeparationBenchmark {
    private static final String[] NAMES = {"drums", "bass", "vocals", "other"};

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path dir = Files.createTempDirectory("separation-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> WorkDirs.delete(dir)));

        System.out.printf("%n== The tests' own mixes (standard arrangement, as BuiltinSeparatorTest) ==%n");
        double[] reference = new double[4];
        SongSynth.Spec[] own = {
            new SongSynth.Spec(92, 2, false, 12, true, 7),
            new SongSynth.Spec(124, 9, true, 12, false, 8),
            new SongSynth.Spec(150, 5, false, 12, false, 9),
            new SongSynth.Spec(78, 11, true, 12, true, 10)
        };
        for (SongSynth.Spec spec : own) {
            SongSynth.Song song = SongSynth.render(spec);
            add(reference, separated(dir, new float[][][] {song.drums(), song.bass(), song.vocals(), song.other()}), 4);
        }
        print("mean", reference);

        System.out.printf("%n== %d mixes made otherwise, stereo and mono ==%n", count);
        double[] stereo = new double[4];
        double[] mono = new double[4];
        for (SongSynth.Spec spec : SongSynth.variedSet(count, 77, 12)) {
            float[][][] stems = otherwiseMixed(spec);
            double[] s = separated(dir, stems);
            double[] m = separated(dir, mono(stems));
            print(String.format(Locale.ROOT, "%5.1f BPM stereo", spec.bpm()), s);
            print(String.format(Locale.ROOT, "%5.1f BPM mono  ", spec.bpm()), m);
            add(stereo, s, count);
            add(mono, m, count);
        }
        print("mean stereo", stereo);
        print("mean mono", mono);
    }

    /** Drums, bass, vocals and other of one song, mixed as described above. */
    static float[][][] otherwiseMixed(SongSynth.Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        SongSynth.Arrangement arrangement = SongSynth.Arrangement.variedWithSwing(spec.seed());
        SongSynth.Song song = SongSynth.render(spec, arrangement);
        // the same chords and tempo, another melody: a second singer (and keyboard) in the same song
        SongSynth.Song second = SongSynth.render(
                new SongSynth.Spec(
                        spec.bpm(), spec.tonic(), spec.minor(), spec.bars(), spec.sixteenthHats(), spec.seed() + 7919),
                arrangement);
        float[][] drums = scaled(song.drums(), db(random.nextDouble(-4, 4)));
        float[][] bass = scaled(song.bass(), db(random.nextDouble(-4, 4)));
        float[][] lead = scaled(song.vocals(), db(random.nextDouble(-6, 3)));
        double backingPan = random.nextDouble();
        float[][] backing = panned(second.vocals(), backingPan, db(-8));
        float[][] vocals = sum(lead, backing);
        if (random.nextBoolean()) {
            vocals = sum(vocals, reverb(vocals, 0.25));
        }
        float[][] pad = random.nextBoolean() ? towardsCentre(song.other(), 0.7) : song.other();
        float[][] keys = panned(second.other(), 0.5, db(-2));
        float[][] other = sum(pad, keys);
        return new float[][][] {drums, bass, vocals, other};
    }

    /** The SDR of each stem (drums, bass, vocals, other) the built-in separator gives for the mix of these stems. */
    static double[] separated(Path dir, float[][][] stems) throws Exception {
        Path work = Files.createTempDirectory(dir, "mix");
        float[][] mix = sum(sum(stems[0], stems[1]), sum(stems[2], stems[3]));
        Path wav = work.resolve("mix.wav");
        SongSynth.writeWav(mix, wav);
        Map<Stem, Path> files = new BuiltinSeparator().separate(wav, work);
        Stem[] order = {Stem.DRUMS, Stem.BASS, Stem.VOCALS, Stem.OTHER};
        double[] sdr = new double[4];
        for (int i = 0; i < 4; i++) {
            sdr[i] = BuiltinSeparatorTest.sdr(stems[i], files.get(order[i]));
        }
        WorkDirs.delete(work);
        return sdr;
    }

    static float[][][] mono(float[][][] stems) {
        float[][][] out = new float[stems.length][][];
        for (int s = 0; s < stems.length; s++) {
            out[s] = towardsCentre(stems[s], 1);
        }
        return out;
    }

    /** Moves each side {@code amount} of the way to the mid signal (1: mono). */
    private static float[][] towardsCentre(float[][] stereo, double amount) {
        float[][] out = new float[2][stereo[0].length];
        for (int i = 0; i < out[0].length; i++) {
            double mid = (stereo[0][i] + stereo[1][i]) / 2;
            out[0][i] = (float) (stereo[0][i] + amount * (mid - stereo[0][i]));
            out[1][i] = (float) (stereo[1][i] + amount * (mid - stereo[1][i]));
        }
        return out;
    }

    /** The stereo source's mid, panned (0 left .. 1 right, equal power) and scaled. */
    private static float[][] panned(float[][] stereo, double pan, double gain) {
        float[][] out = new float[2][stereo[0].length];
        double left = Math.cos(pan * Math.PI / 2) * Math.sqrt(2) * gain;
        double right = Math.sin(pan * Math.PI / 2) * Math.sqrt(2) * gain;
        for (int i = 0; i < out[0].length; i++) {
            double mid = (stereo[0][i] + stereo[1][i]) / 2;
            out[0][i] = (float) (mid * left);
            out[1][i] = (float) (mid * right);
        }
        return out;
    }

    /**
     * A small room (Schroeder: four feedback combs in parallel, two all-passes in series, per channel with slightly
     * different delays so the tail is wide), the wet signal only.
     */
    private static float[][] reverb(float[][] dry, double wet) {
        int[] combs = {1557, 1617, 1491, 1422};
        int[] allPasses = {225, 556};
        float[][] out = new float[2][dry[0].length];
        for (int c = 0; c < 2; c++) {
            double[] tail = new double[dry[c].length];
            for (int delay : combs) {
                int d = delay + 23 * c;
                double[] line = new double[dry[c].length];
                for (int i = 0; i < line.length; i++) {
                    line[i] = dry[c][i] + (i >= d ? 0.82 * line[i - d] : 0);
                    tail[i] += line[i] / combs.length;
                }
            }
            for (int delay : allPasses) {
                int d = delay + 11 * c;
                double[] passed = new double[tail.length];
                for (int i = 0; i < tail.length; i++) {
                    double delayed = i >= d ? passed[i - d] : 0;
                    passed[i] = -0.5 * tail[i] + (i >= d ? tail[i - d] : 0) + 0.5 * delayed;
                }
                tail = passed;
            }
            for (int i = 0; i < tail.length; i++) {
                out[c][i] = (float) (wet * tail[i]);
            }
        }
        return out;
    }

    private static float[][] scaled(float[][] stereo, double gain) {
        float[][] out = new float[2][stereo[0].length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = (float) (stereo[c][i] * gain);
            }
        }
        return out;
    }

    private static float[][] sum(float[][] a, float[][] b) {
        float[][] out = new float[2][a[0].length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = a[c][i] + b[c][i];
            }
        }
        return out;
    }

    private static double db(double decibels) {
        return Math.pow(10, decibels / 20);
    }

    private static void add(double[] total, double[] values, int count) {
        for (int i = 0; i < total.length; i++) {
            total[i] += values[i] / count;
        }
    }

    private static void print(String label, double[] sdr) {
        StringBuilder line = new StringBuilder(label).append(':');
        for (int i = 0; i < 4; i++) {
            line.append(String.format(Locale.ROOT, " %s %.1f dB", NAMES[i], sdr[i]));
        }
        System.out.println(line);
    }

    private SeparationBenchmark() {}
}
