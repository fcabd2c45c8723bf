package io.mashups.attribution.bench;

import io.mashups.attribution.chromaprint.Chromaprint;
import io.mashups.attribution.fingerprint.AudioLandmarks;
import io.mashups.attribution.fingerprint.Landmarks;
import io.mashups.attribution.fingerprint.Match;
import io.mashups.attribution.fingerprint.PeakFinder;
import io.mashups.attribution.fingerprint.SongCatalogue;
import io.mashups.attribution.fingerprint.StemIndex;
import io.mashups.media.WorkDirs;
import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Figures for the README, not a test (run by bench/run.sh):
 * <ol>
 * <li>ingest through the service's own path (ffmpeg decode, vocal separation, landmarks) on catalogue songs;</li>
 * <li>an index of N generated tracks (default 10,000 of 30 s), synthesised at 8 kHz in-process to keep the run to
 * minutes: the synthesiser's own vocal and instrumental stems stand for the separated ones the service
 * fingerprints; index size per hour of audio, stored and in memory;</li>
 * <li>query time for 10 s excerpts of indexed tracks (p50/p99 of the match itself), how often the right track comes
 * first, and unknown excerpts' confidence;</li>
 * <li>the 40 catalogue songs of step 1 added to that index, and on the same transformed excerpts of them: our
 * identification rate against the whole index beside fpcalc's (Chromaprint with the best-offset bit error rate
 * against the 40 songs only, identified when the best reference is the right one and its bit error rate is below
 * 0.35).</li>
 * </ol>
 */
public final class AttributionBenchmark {
    private static final int RATE = PeakFinder.SAMPLE_RATE;
    private static final int IDENTIFIED = 50;

    public static void main(String[] args) throws Exception {
        int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Files.createTempDirectory("attribution-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> WorkDirs.delete(dir)));
        SongCatalogue catalogue = new SongCatalogue(dir);

        // 1: the production path on 40 catalogue songs (added to the big index below, for 4)
        int sample = 40;
        SongSynth.Song[] songs = new SongSynth.Song[sample];
        Path[] files = new Path[sample];
        AudioLandmarks[] ingested = new AudioLandmarks[sample];
        long ingestNanos = 0;
        double ingestSeconds = 0;
        for (int i = 0; i < sample; i++) {
            songs[i] = SongCatalogue.song(i, 0, 40);
            files[i] = catalogue.wav("song" + i, songs[i].mix());
            long start = System.nanoTime();
            ingested[i] = catalogue.landmarks(files[i]);
            ingestNanos += System.nanoTime() - start;
            ingestSeconds += ingested[i].durationSec();
        }
        System.out.printf(
                Locale.ROOT,
                "ingest (decode + vocal separation + landmarks, one core): %.0fx real time%n",
                ingestSeconds / (ingestNanos / 1e9));

        // 2: the big index
        StemIndex index = new StemIndex();
        AtomicLong storedBytes = new AtomicLong();
        long start = System.nanoTime();
        IntStream.range(0, tracks).parallel().forEach(i -> {
            SongSynth.Song song = generated(i, 0, seconds);
            Landmarks voice = Landmarks.of(mono(song.vocals(), 0, song.vocals()[0].length));
            Landmarks band = Landmarks.of(mono(song.instrumental(), 0, song.instrumental()[0].length));
            storedBytes.addAndGet(
                    voice.fingerprint().bytes().length + band.fingerprint().bytes().length);
            index.add(i, voice.fingerprint(), band.fingerprint());
        });
        double hours = index.seconds() / 3600;
        System.out.printf(
                Locale.ROOT,
                "indexed %d tracks (%.0f h of audio) in %.0f s on 2 threads, synthesis included%n",
                index.tracks(),
                hours,
                (System.nanoTime() - start) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "index: %d postings, %.1f MB stored per hour of audio, %.1f MB in memory per hour "
                        + "(%.0f MB in all)%n",
                index.postings(),
                storedBytes.get() / 1e6 / hours,
                index.memoryBytes() / 1e6 / hours,
                index.memoryBytes() / 1e6);
        for (int i = 0; i < sample; i++) {
            index.add(
                    tracks + i,
                    ingested[i].vocals().fingerprint(),
                    ingested[i].instrumental().fingerprint());
        }

        // 3: queries
        SplittableRandom random = new SplittableRandom(42);
        double[] times = new double[queries];
        int right = 0;
        CpuShare cpu = null;
        for (int q = -20; q < queries; q++) {
            if (q == 0) {
                cpu = CpuShare.start();
            }
            int track = random.nextInt(tracks);
            SongSynth.Song song = generated(track, 0, seconds);
            int from = (int) (random.nextDouble() * (seconds - 10) * RATE);
            AudioLandmarks excerpt = new AudioLandmarks(
                    Landmarks.of(mono(song.vocals(), from, from + 10 * RATE)),
                    Landmarks.of(mono(song.instrumental(), from, from + 10 * RATE)));
            long t = System.nanoTime();
            List<Match> matches = index.match(excerpt);
            if (q >= 0) {
                times[q] = (System.nanoTime() - t) / 1e6;
                right += !matches.isEmpty()
                                && matches.get(0).trackId() == track
                                && matches.get(0).confidence() >= IDENTIFIED
                        ? 1
                        : 0;
            }
        }
        String busy = cpu.report();
        Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "query (10 s excerpt, %d tracks): p50 %.1f ms, p99 %.1f ms, max %.1f ms; right track "
                        + "first and identified: %d/%d%n",
                tracks,
                times[queries / 2],
                times[(int) (queries * 0.99)],
                times[queries - 1],
                right,
                queries);
        System.out.println("  during the queries: " + busy);
        int falseIds = 0;
        int topConfidence = 0;
        for (int u = 0; u < 100; u++) {
            SongSynth.Song song = generated(u, 1, 12);
            AudioLandmarks excerpt = new AudioLandmarks(
                    Landmarks.of(mono(song.vocals(), RATE, 11 * RATE)),
                    Landmarks.of(mono(song.instrumental(), RATE, 11 * RATE)));
            List<Match> matches = index.match(excerpt);
            int confidence = matches.isEmpty() ? 0 : matches.get(0).confidence();
            topConfidence = Math.max(topConfidence, confidence);
            falseIds += confidence >= IDENTIFIED ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "100 unknown 10 s excerpts: %d identified (highest confidence %d)%n",
                falseIds,
                topConfidence);

        // 4: the 40 songs' transformed excerpts against the whole index, beside fpcalc against the 40 songs alone
        compareWithChromaprint(catalogue, songs, files, index, tracks);
    }

    /**
     * How busy the machine was over a stretch: this process's CPU and everything else's, in cores. Other processes
     * (a database, a broker left running) take the cores the query's two threads need and show in its p99.
     */
    private record CpuShare(long startNanos, long ownStartNanos, long machineStartTicks) {
        private static final Path STAT = Path.of("/proc/stat");
        private static final double TICKS_PER_SECOND = 100; // USER_HZ

        static CpuShare start() throws java.io.IOException {
            return new CpuShare(System.nanoTime(), ownCpuNanos(), machineBusyTicks());
        }

        String report() throws java.io.IOException {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double own = (ownCpuNanos() - ownStartNanos) / 1e9 / seconds;
            long ticks = machineBusyTicks();
            if (ticks < 0) {
                return String.format(Locale.ROOT, "this process %.2f cores", own);
            }
            double machine = (ticks - machineStartTicks) / TICKS_PER_SECOND / seconds;
            return String.format(
                    Locale.ROOT,
                    "this process %.2f cores, other processes %.2f cores (of %d)",
                    own,
                    Math.max(0, machine - own),
                    Runtime.getRuntime().availableProcessors());
        }

        private static long ownCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** Busy ticks of all cores (user, nice, system, irq, softirq, steal); -1 where /proc/stat is missing. */
        private static long machineBusyTicks() throws java.io.IOException {
            if (!Files.isReadable(STAT)) {
                return -1;
            }
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        }
    }

    /** A catalogue track synthesised at the fingerprinting rate. */
    private static SongSynth.Song generated(int i, long seedOffset, double seconds) {
        SplittableRandom random = new SplittableRandom(seedOffset * 1_000_003L + i + 7);
        double bpm = 60 + random.nextDouble() * 100;
        long seed = 1_000_000L * (seedOffset + 1) + i;
        SongSynth.Spec spec = new SongSynth.Spec(
                bpm,
                random.nextInt(12),
                random.nextBoolean(),
                (int) Math.ceil(seconds * bpm / 240),
                random.nextInt(3) == 0,
                seed);
        return SongSynth.render(spec, SongSynth.Arrangement.varied(seed), RATE);
    }

    private static float[] mono(float[][] stereo, int from, int to) {
        float[] mono = new float[to - from];
        for (int i = from; i < to; i++) {
            mono[i - from] = (stereo[0][i] + stereo[1][i]) / 2;
        }
        return mono;
    }

    private record Transform(String name, String filter, String codec) {}

    /** Song i of {@code songs} is track {@code firstTrack + i} of {@code index}. */
    private static void compareWithChromaprint(
            SongCatalogue catalogue, SongSynth.Song[] songs, Path[] files, StemIndex index, int firstTrack)
            throws Exception {
        int[][] references = new int[files.length][];
        for (int i = 0; i < files.length; i++) {
            references[i] = Chromaprint.raw(files[i]);
        }
        List<Transform> transforms = List.of(
                new Transform("clean", "", "-c:a pcm_f32le"),
                new Transform("mp3 64k", "", "-c:a libmp3lame -b:a 64k"),
                new Transform("tempo x1.08", "rubberband=tempo=1.08", "-c:a pcm_f32le"),
                new Transform("tempo x0.92", "rubberband=tempo=0.92", "-c:a pcm_f32le"),
                new Transform("pitch +2", "rubberband=pitch=" + Math.pow(2, 2 / 12.0), "-c:a pcm_f32le"),
                new Transform("pitch -3", "rubberband=pitch=" + Math.pow(2, -3 / 12.0), "-c:a pcm_f32le"));
        System.out.printf(
                Locale.ROOT,
                "identified (top track right, confident)   landmarks (%d tracks)   fpcalc (%d)%n",
                index.tracks(),
                files.length);
        for (Transform transform : transforms) {
            int ours = 0;
            int theirs = 0;
            for (int i = 0; i < files.length; i++) {
                Path excerpt =
                        catalogue.excerpt(files[i], "x" + i, 6 + i % 9, 10, transform.filter(), transform.codec());
                List<Match> matches = index.match(catalogue.landmarks(excerpt));
                ours += !matches.isEmpty()
                                && matches.get(0).trackId() == firstTrack + i
                                && matches.get(0).confidence() >= IDENTIFIED
                        ? 1
                        : 0;
                theirs += chromaprintIdentifies(Chromaprint.raw(excerpt), references) == i ? 1 : 0;
                Files.delete(excerpt);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-12s %28d/%d %8d/%d%n",
                    transform.name(),
                    ours,
                    files.length,
                    theirs,
                    files.length);
        }
        int oursBoth = 0;
        int theirsAny = 0;
        int pairs = 0;
        for (int i = 0; i < songs.length; i++) {
            int partner = SongCatalogue.tempoPartner(songs, i);
            if (partner < 0) {
                continue;
            }
            pairs++;
            Path mashup = catalogue.mashup("m" + i, songs[i], songs[partner], 20);
            List<Integer> found = new ArrayList<>();
            for (Match match : index.match(catalogue.landmarks(mashup))) {
                if (match.confidence() >= IDENTIFIED) {
                    found.add(match.trackId() - firstTrack);
                }
            }
            oursBoth += found.contains(i) && found.contains(partner) ? 1 : 0;
            int best = chromaprintIdentifies(Chromaprint.raw(mashup), references);
            theirsAny += best == i || best == partner ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "  mashups: landmarks found both sources in %d/%d; fpcalc found one of them in %d/%d%n",
                oursBoth,
                pairs,
                theirsAny,
                pairs);
    }

    /** The reference whose raw Chromaprint, at its best offset, differs in fewest bits (below 35%), or -1. */
    private static int chromaprintIdentifies(int[] query, int[][] references) {
        int best = -1;
        double bestError = 0.35;
        for (int r = 0; r < references.length; r++) {
            int[] reference = references[r];
            for (int offset = -query.length / 2; offset < reference.length - query.length / 2; offset++) {
                long bits = 0;
                int compared = 0;
                for (int i = 0; i < query.length; i++) {
                    int j = i + offset;
                    if (j >= 0 && j < reference.length) {
                        bits += Integer.bitCount(query[i] ^ reference[j]);
                        compared++;
                    }
                }
                if (compared >= query.length / 2 && (double) bits / (32.0 * compared) < bestError) {
                    bestError = (double) bits / (32.0 * compared);
                    best = r;
                }
            }
        }
        return best;
    }
}
