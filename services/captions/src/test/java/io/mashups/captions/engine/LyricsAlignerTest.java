package io.mashups.captions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.captions.format.Word;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alignment of known lyrics to 22 phrases of espeak-ng speech whose start times are known. */
class LyricsAlignerTest {
    private static SpokenFixture fixture;
    private static Path dir;

    @BeforeAll
    static void speech() throws Exception {
        dir = Files.createTempDirectory("aligner");
        fixture = SpokenFixture.make(dir, SpokenFixture.PHRASES, 11);
    }

    @Test
    void phrasesStartWithin150MsMedianAndEveryWordComesBackInOrder() throws Exception {
        Transcript transcript = new LyricsAligner()
                .align(fixture.audio(), fixture.lyrics(), fixture.durationSec(), Files.createTempDirectory(dir, "run"));
        List<Word> words = transcript.words();
        List<String> expected =
                Arrays.asList(String.join(" ", fixture.phrases()).split(" "));
        assertEquals(expected, words.stream().map(Word::word).toList(), "every given word, in order");
        for (int i = 0; i < words.size(); i++) {
            assertTrue(
                    words.get(i).start() >= 0 && words.get(i).end() <= fixture.durationSec(),
                    "within the audio: " + words.get(i));
            if (i > 0) {
                assertTrue(
                        words.get(i).start() >= words.get(i - 1).end() - 1e-9,
                        "monotonic: " + words.get(i - 1) + " then " + words.get(i));
            }
        }
        List<Double> errors = new ArrayList<>();
        int index = 0;
        for (int p = 0; p < fixture.phrases().size(); p++) {
            errors.add(
                    Math.abs(words.get(index).start() - fixture.phraseStarts().get(p)));
            index += fixture.phrases().get(p).split(" ").length;
        }
        double median = errors.stream().sorted().toList().get(errors.size() / 2);
        System.out.printf(
                "alignment: median phrase-start error %.0f ms, worst %.0f ms over %d phrases%n",
                median * 1000,
                errors.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1000,
                errors.size());
        assertTrue(median <= 0.150, "median phrase start error " + median);
        assertEquals(LyricsAligner.ENGINE, transcript.engine());
    }

    @Test
    void wordsThatWereNotHeardAreSpreadBetweenTheirNeighbours() {
        List<Word> heard = List.of(new Word(1.0, 1.3, "hold", 0.9), new Word(2.5, 2.8, "home", 0.9));
        List<Word> placed =
                LyricsAligner.place(List.of("Hold", "on,", "we", "are", "home!"), List.of(0, 0, 1, 1, 1), heard, 10);
        assertEquals(
                List.of("Hold", "on,", "we", "are", "home!"),
                placed.stream().map(Word::word).toList());
        assertEquals(1.0, placed.get(0).start());
        assertEquals(1.3, placed.get(1).start(), 1e-9, "the rest of a heard line follows its last heard word");
        assertEquals(2.5, placed.get(4).start());
        assertEquals(2.5, placed.get(3).end(), 1e-9, "the start of a heard line leads into its first heard word");
        assertTrue(placed.get(2).start() > placed.get(1).end(), "the pause between the lines stays a pause");
    }

    @Test
    void wordsSharingTheLastMomentsEndWithTheAudio() {
        // 0.1 + 0.005 + 0.005 is 0.11000000000000001 in doubles
        List<Word> placed = LyricsAligner.place(
                List.of("a", "b", "c"), List.of(0, 1, 1), List.of(new Word(0, 0.1, "a", 0.9)), 0.11);
        assertTrue(placed.stream().allMatch(word -> word.end() <= 0.11), "inside the audio: " + placed);
    }

    @Test
    void aLyricWordHeardWhereItCannotBeSungGetsNoTimeFromThere() {
        // "hand" heard in the band 3.5 s after "my", where the next line is sung: no singer holds one word that long
        List<Word> heard = List.of(
                new Word(1.0, 1.3, "take", 0.9),
                new Word(1.35, 1.5, "my", 0.9),
                new Word(5.0, 5.3, "hand", 0.9),
                new Word(5.5, 5.65, "the", 0.9),
                new Word(5.7, 6.0, "river", 0.9),
                new Word(6.05, 6.4, "knows", 0.9));
        List<Word> placed = LyricsAligner.place(
                List.of("take", "my", "hand", "the", "river", "knows"), List.of(0, 0, 0, 1, 1, 1), heard, 10);
        assertTrue(
                placed.get(2).start() < 2.0,
                "hand follows my at the singer's pace, not where the band sounded like it: " + placed.get(2));
        assertEquals(5.5, placed.get(3).start(), 1e-9, "the words that fit keep their times");
        assertEquals(1.35, placed.get(1).start(), 1e-9);
    }

    @Test
    void theLocalFallbackIsMarkedLowConfidenceAndItsWordErrorRateIsReported() throws Exception {
        Transcript transcript =
                new SphinxTranscriber().transcribe(fixture.audio(), Files.createTempDirectory(dir, "open"));
        List<String> reference =
                Arrays.asList(String.join(" ", fixture.phrases()).split(" "));
        double wer = SpokenFixture.wordErrorRate(
                reference, transcript.words().stream().map(Word::word).toList());
        System.out.printf(
                "local fallback (pocketsphinx, general model): word error rate %.0f%% on %d words%n",
                wer * 100, reference.size());
        assertTrue(transcript.lowConfidence());
        assertEquals(SphinxTranscriber.ENGINE, transcript.engine());
    }
}
