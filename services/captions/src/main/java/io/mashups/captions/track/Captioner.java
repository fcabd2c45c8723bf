package io.mashups.captions.track;

import io.mashups.captions.engine.LyricsAligner;
import io.mashups.captions.engine.Transcriber;
import io.mashups.captions.engine.Transcript;
import io.mashups.captions.format.CaptionFormatter;
import io.mashups.captions.format.CaptionStyle;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Chooses the engine and produces formatted cues, blocking: given lyrics, the local aligner (synced lyrics);
 * otherwise the configured transcription engine.
 */
public final class Captioner {
    /** The transcript and its cues. */
    public record Captions(Transcript transcript, CaptionFormatter.Result cues) {}

    private final Transcriber transcriber;
    private final LyricsAligner aligner = new LyricsAligner();
    private final CaptionFormatter formatter = new CaptionFormatter(CaptionStyle.NETFLIX);

    public Captioner(Transcriber transcriber) {
        this.transcriber = transcriber;
    }

    public Captions caption(Path audio, String language, String lyrics, Path workDir)
            throws IOException, InterruptedException {
        if (MediaTools.probe(audio).isEmpty()) {
            throw new IOException("the audio cannot be read");
        }
        // the decoded length, not the header's: an MP3's header counts encoder padding no word can be in
        double duration = MediaTools.decodedDurationSec(audio, workDir);
        Transcript transcript;
        if (lyrics != null && !lyrics.isBlank()) {
            transcript = aligner.align(audio, lyrics, duration, workDir);
        } else {
            transcript = transcriber.transcribe(audio, language, duration, workDir);
        }
        return new Captions(transcript, formatter.format(transcript.words(), duration));
    }
}
