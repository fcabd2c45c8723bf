package io.mashups.attribution.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprinter on what mashups do to their sources, over a catalogue of synthesised songs (no recorded audio is
 * kept in the repository), every excerpt made by ffmpeg, fingerprinted and matched as the service does it: the mix and
 * its separated vocal stem against the catalogue's mixes and vocal stems. The suite runs 30 songs and 60 unknown
 * excerpts; {@code bench/accuracy.sh} runs the same checks on a larger set ({@code accuracy.songs},
 * {@code accuracy.unknown}).
 */
class FingerprintAccuracyTest {
    private static final int SONGS = Integer.getInteger("accuracy.songs", 30);
    private static final int UNKNOWN = Integer.getInteger("accuracy.unknown", 60);
    private static final double SONG_SECONDS = 30;
    /** The confidence from which a match counts as an identification (the service reports sources from 50). */
    private static final int IDENTIFIED = 50;

    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    /** Gigabytes of excerpts and stems by the end: JUnit deletes the directory. */
    @TempDir
    static Path dir;

    private static SongCatalogue catalogue;
    private static final SongSynth.Song[] SONG = new SongSynth.Song[SONGS];
    private static final Path[] FILE = new Path[SONGS];
    private static final StemIndex INDEX = new StemIndex();

    @BeforeAll
    static void catalogue() throws Exception {
        catalogue = new SongCatalogue(dir);
        POOL.submit(() -> IntStream.range(0, SONGS).parallel().forEach(i -> {
                    try {
                        SONG[i] = SongCatalogue.song(i, 0, SONG_SECONDS);
                        FILE[i] = catalogue.wav("song" + i, SONG[i].mix());
                        AudioLandmarks landmarks = catalogue.landmarks(FILE[i]);
                        INDEX.add(
                                i,
                                landmarks.vocals().fingerprint(),
                                landmarks.instrumental().fingerprint());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .get();
    }

    private static double start(int song) {
        return 3 + (song % 7) * 2.3;
    }

    /** The top match of excerpt {@code i} of the catalogue, through ffmpeg's filter and codec, or null. */
    private static Match top(String name, int i, String filter, String codec) {
        try {
            Path excerpt = catalogue.excerpt(FILE[i], name + i, start(i), 10, filter, codec);
            List<Match> matches = INDEX.match(catalogue.landmarks(excerpt));
            Files.delete(excerpt);
            if (matches.isEmpty()
                    || matches.get(0).trackId() != i
                    || matches.get(0).confidence() < IDENTIFIED) {
                System.out.printf(
                        "%s excerpt of song %d at %.1f s: %s%n",
                        name, i, start(i), matches.stream().limit(2).toList());
            }
            return matches.isEmpty() || matches.get(0).confidence() < IDENTIFIED ? null : matches.get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(IntPredicate identified) throws Exception {
        return POOL.submit(() ->
                        IntStream.range(0, SONGS).parallel().filter(identified).count())
                .get();
    }

    @Test
    void cleanNoisyAndLossyExcerptsAreAllIdentifiedAtTheRightOffset() throws Exception {
        for (String[] transform : List.of(
                new String[] {"clean", "", "-c:a pcm_f32le"}, new String[] {"mp3", "", "-c:a libmp3lame -b:a 64k"})) {
            long right = count(i -> {
                Match match = top(transform[0], i, transform[1], transform[2]);
                boolean identified = match != null
                        && match.trackId() == i
                        && Math.abs(match.referenceStartSec() - match.queryStartSec() - start(i)) <= 0.1;
                if (!identified) {
                    System.out.printf("%s excerpt of song %d at %.1f s: %s%n", transform[0], i, start(i), match);
                }
                return identified;
            });
            System.out.printf("accuracy: %s %d/%d identified at the right offset%n", transform[0], right, SONGS);
            assertEquals(SONGS, right, transform[0] + " excerpts identified at the right offset");
        }
        long noisy = count(i -> {
            int from = (int) (start(i) * SongSynth.RATE);
            try {
                Path excerpt = catalogue.wav(
                        "noisy" + i, SongCatalogue.withNoise(SONG[i].mix(), from, from + 10 * SongSynth.RATE, 10, i));
                List<Match> matches = INDEX.match(catalogue.landmarks(excerpt));
                return !matches.isEmpty()
                        && matches.get(0).trackId() == i
                        && matches.get(0).confidence() >= IDENTIFIED
                        && Math.abs(matches.get(0).referenceStartSec()
                                        - matches.get(0).queryStartSec()
                                        - start(i))
                                <= 0.1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("accuracy: white noise 10 dB %d/%d identified at the right offset%n", noisy, SONGS);
        assertEquals(SONGS, noisy, "excerpts with white noise at 10 dB SNR identified at the right offset");
    }

    @Test
    void stretchedExcerptsAreIdentifiedWithTheirTempo() throws Exception {
        for (double tempo : new double[] {1.08, 0.92}) {
            long right = count(i -> {
                Match match = top("tempo" + tempo, i, "rubberband=tempo=" + tempo, "-c:a pcm_f32le");
                boolean identified =
                        match != null && match.trackId() == i && Math.abs(match.tempo() / tempo - 1) <= 0.01;
                if (!identified) {
                    System.out.printf("x%s excerpt of song %d: %s%n", tempo, i, match);
                }
                return identified;
            });
            System.out.printf("accuracy: tempo x%s %d/%d identified, tempo within 1%%%n", tempo, right, SONGS);
            assertTrue(
                    right >= 0.95 * SONGS,
                    "x" + tempo + ": " + right + " of " + SONGS + " identified with the tempo within 1%");
        }
    }

    @Test
    void pitchShiftedExcerptsAreIdentifiedWithTheirShift() throws Exception {
        for (int semitones : new int[] {2, -3}) {
            long right = count(i -> {
                Match match = top(
                        "shift" + semitones, i, "rubberband=pitch=" + Math.pow(2, semitones / 12.0), "-c:a pcm_f32le");
                return match != null && match.trackId() == i && Math.abs(match.shiftSemitones() - semitones) <= 0.3;
            });
            System.out.printf("accuracy: shift %+d %d/%d identified with the shift%n", semitones, right, SONGS);
            assertTrue(
                    right >= 0.9 * SONGS,
                    semitones + " semitones: " + right + " of " + SONGS + " identified with the shift");
        }
    }

    @Test
    void bothSourcesOfMashupsAreFound() throws Exception {
        int[] partner = IntStream.range(0, SONGS)
                .map(i -> SongCatalogue.tempoPartner(SONG, i))
                .toArray();
        long mashups = IntStream.range(0, SONGS).filter(i -> partner[i] >= 0).count();
        long both = count(i -> {
            if (partner[i] < 0) {
                return false;
            }
            try {
                Path mashup = catalogue.mashup("mashup" + i, SONG[i], SONG[partner[i]], 20);
                List<Integer> found = INDEX.match(catalogue.landmarks(mashup)).stream()
                        .filter(m -> m.confidence() >= IDENTIFIED)
                        .map(Match::trackId)
                        .toList();
                return found.contains(i) && found.contains(partner[i]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("accuracy: mashups, both sources found in %d/%d%n", both, mashups);
        assertTrue(mashups >= SONGS / 2, "enough songs within 8% of another's tempo: " + mashups);
        assertTrue(both >= 0.9 * mashups, "both sources found in " + both + " of " + mashups + " mashups");
    }

    @Test
    void audioNotInTheCatalogueIsNotIdentified() throws Exception {
        int[] topScores = POOL.submit(() -> IntStream.range(0, UNKNOWN)
                        .parallel()
                        .map(u -> {
                            try {
                                Path unknown = catalogue.wav(
                                        "unknown" + u,
                                        SongCatalogue.song(u, 1, 10).mix());
                                List<Match> matches = INDEX.match(catalogue.landmarks(unknown));
                                Files.delete(unknown);
                                return matches.isEmpty() ? 0 : matches.get(0).score();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .sorted()
                        .toArray())
                .get();
        long falseIdentifications = Arrays.stream(topScores)
                .filter(score -> Confidence.of(score, 10) >= IDENTIFIED)
                .count();
        System.out.printf(
                "accuracy: %d unknown excerpts, %d identified; best scores %s%n",
                UNKNOWN,
                falseIdentifications,
                Arrays.toString(Arrays.copyOfRange(topScores, topScores.length - 5, topScores.length)));
        assertEquals(0, falseIdentifications, "unknown excerpts identified as a catalogue song");
    }
}
