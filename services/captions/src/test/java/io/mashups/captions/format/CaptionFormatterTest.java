package io.mashups.captions.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cues follow the subtitling rules, and ffmpeg reads every SRT and WebVTT file back with all its cues. */
class CaptionFormatterTest {
    private static final String TEXT = """
            I walked along the empty street tonight, counting every light that flickered out. Nobody told me it would \
            feel like this, so I kept on singing to the rain. Hold on, hold on, we are almost home; the river knows our \
            names and the morning will remember us. Take my hand. Don't let the music stop before the chorus comes \
            around again, because this is the part where everybody sings along and nobody is alone anymore.""";
    private final CaptionFormatter formatter = new CaptionFormatter(CaptionStyle.NETFLIX);

    /** Words at the given rate, with a pause after every sentence. */
    static List<Word> speak(String text, double wordsPerSecond, long seed) {
        Random random = new Random(seed);
        List<Word> words = new ArrayList<>();
        double t = 0.8;
        for (String token : text.split("\\s+")) {
            double length = (0.6 + 0.8 * random.nextDouble()) / wordsPerSecond;
            words.add(new Word(t, t + length * 0.85, token, 0.9));
            t += length;
            if (token.matches(".*[.!?]$")) {
                t += 0.9;
            }
        }
        return words;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 2.5, 3.5, 5.0})
    void cuesFollowTheRulesAtEverySpeakingRate(double wordsPerSecond) throws Exception {
        List<Word> words = speak(TEXT, wordsPerSecond, 7);
        double duration = words.get(words.size() - 1).end() + 2;
        CaptionFormatter.Result result = formatter.format(words, duration);
        List<Cue> cues = result.cues();

        assertEquals(
                TEXT.replaceAll("\\s+", " ").strip(),
                String.join(" ", cues.stream().map(Cue::text).toList()),
                "every word, in order");
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            assertTrue(cue.lines().size() <= 2, cue.toString());
            cue.lines().forEach(line -> assertTrue(line.length() <= 42, "line of " + line.length() + ": " + line));
            assertTrue(cue.end() - cue.start() <= 7 + 1e-9, "at most 7 s: " + cue);
            assertTrue(cue.end() <= duration && cue.start() >= 0);
            if (i > 0) {
                assertTrue(
                        cue.start() >= cues.get(i - 1).end() + 2.0 / 24 - 1e-9,
                        "no overlap, two frames apart: " + cues.get(i - 1) + " / " + cue);
            }
            if (!result.crowded().contains(i)) {
                assertTrue(cue.readingSpeed() <= 17 + 1e-9, "17 characters per second: " + cue);
                assertTrue(cue.end() - cue.start() >= 5.0 / 6 - 1e-9, "at least 5/6 s: " + cue);
            }
        }
        if (wordsPerSecond <= 2.5) {
            assertEquals(List.of(), result.crowded(), "speech at a natural pace leaves room for every cue");
        }
        assertReadBack(cues);
    }

    @Test
    void linesBreakAtPunctuationAndNotAfterAnArticle() {
        List<Word> words = speak("Nobody told me it would feel like this, so I kept on singing to the rain.", 3, 3);
        Cue cue = formatter.format(words, 60).cues().get(0);
        assertEquals(
                List.of("Nobody told me it would feel like this,", "so I kept on singing to the rain."), cue.lines());
    }

    @Test
    void cuesBreakAtPausesAndSentences() {
        List<Word> words = speak("Take my hand. Don't let the music stop before the chorus comes around again.", 2, 5);
        List<Cue> cues = formatter.format(words, 60).cues();
        assertEquals("Take my hand.", cues.get(0).text());
    }

    @Test
    void textThatWouldBreakTheFileIsNeutralised() throws Exception {
        List<Cue> cues = List.of(new Cue(1, 3, List.of("a --> b <i>tag</i> & more")));
        assertTrue(SubtitleFiles.vtt(cues).contains("a -> b &lt;i>tag&lt;/i> &amp; more"));
        assertTrue(SubtitleFiles.srt(cues).startsWith("1\n00:00:01,000 --> 00:00:03,000\na -> b"));
        assertReadBack(cues);
    }

    /** ffmpeg reads every cue of both files back. */
    static void assertReadBack(List<Cue> cues) throws Exception {
        assertEquals(cues.size(), SubtitleReadBack.cues(SubtitleFiles.srt(cues), "srt"), "srt: ffmpeg read every cue");
        assertEquals(
                cues.size(), SubtitleReadBack.cues(SubtitleFiles.vtt(cues), "webvtt"), "webvtt: ffmpeg read every cue");
    }
}
