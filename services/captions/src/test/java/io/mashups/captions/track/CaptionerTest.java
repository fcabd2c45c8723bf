package io.mashups.captions.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.captions.engine.SphinxTranscriber;
import io.mashups.captions.format.Cue;
import io.mashups.captions.format.Word;
import io.mashups.media.MediaTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionerTest {
    /**
     * An MP3's header counts its encoder padding as audio (here about 45 ms more than decodes). Lyrics of which
     * nothing is heard are spread over the whole audio, so the last word ends exactly where the audio is said to end.
     */
    @Test
    void noWordOrCueEndsAfterTheDecodedAudio() throws Exception {
        Path dir = Files.createTempDirectory("captioner");
        Path mp3 = dir.resolve("quiet.mp3");
        MediaTools.ffmpeg(
                List.of("-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "3.7", "-b:a", "128k", mp3.toString()));
        double decoded = MediaTools.decodedDurationSec(mp3, dir);
        double reported = MediaTools.probe(mp3).orElseThrow().durationSec();
        assertTrue(reported > decoded + 0.02, "the header reports " + reported + " s, " + decoded + " s decode");

        Captioner.Captions captions = new Captioner(new SphinxTranscriber())
                .caption(mp3, "en", "hold on we are almost home\nwe will meet again tomorrow", dir);

        List<Word> words = captions.transcript().words();
        assertEquals(11, words.size(), "every lyric word: " + words);
        assertEquals(decoded, words.get(words.size() - 1).end(), 1e-3, "the last word ends with the audio");
        for (Cue cue : captions.cues().cues()) {
            assertTrue(cue.end() <= decoded + 1e-9, "cue " + cue + " ends after " + decoded);
        }
    }
}
