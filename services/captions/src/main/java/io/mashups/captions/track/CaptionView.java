package io.mashups.captions.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.jobs.JobStatus;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A mashup's captions, as the seed plan writes them ({@code captions: {segments, srt, vtt, txt}}, once completed)
 * and, beside them, what the service has always answered: status queued/running/completed/failed; when completed the language, the engine, whether
 * it is the low-confidence local transcription, the segments with their words, the SRT, WebVTT and text, and the
 * indexes of segments the speech left too little room to read comfortably.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptionView(
        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        String mashupId,

        @Schema(examples = "5d1c2b8e-8f0a-4f1e-b7a4-1c2d3e4f5a6b")
        String jobId,

        @Schema(
                examples = "completed",
                enumeration = {"queued", "running", "completed", "failed", "cancelled"})
        String status,

        @Schema(examples = "en") String language,
        @Schema(examples = "pocketsphinx") String engine,
        @Schema(examples = "true") Boolean lowConfidence,
        @Schema(examples = "false") Boolean edited,
        List<CueJson.Segment> segments,

        @Schema(examples = "1\n00:00:01,200 --> 00:00:03,400\nHold the line\n")
        String srt,

        @Schema(examples = "WEBVTT\n\n00:00:01.200 --> 00:00:03.400\nHold the line\n")
        String vtt,

        @Schema(examples = "Hold the line\n") String txt,
        @Schema(examples = "[3]") List<Integer> crowded,

        @Schema(examples = "the mashup's audio could not be read")
        String error,

        Captions captions) {
    /** The seed plan's shape of finished captions. */
    @Schema(name = "Captions")
    public record Captions(
            List<CueJson.Segment> segments,

            @Schema(examples = "1\n00:00:01,200 --> 00:00:03,400\nHold the line\n")
            String srt,

            @Schema(examples = "WEBVTT\n\n00:00:01.200 --> 00:00:03.400\nHold the line\n")
            String vtt,

            @Schema(examples = "Hold the line\n") String txt) {}

    public static CaptionView of(CaptionTrack track) {
        boolean done = track.status == JobStatus.COMPLETED;
        List<CueJson.Segment> segments = done ? CueJson.read(track.cues) : null;
        return new CaptionView(
                track.mashupId,
                track.jobId,
                track.status.wire(),
                track.language,
                track.engine,
                done ? track.lowConfidence : null,
                done ? track.edited : null,
                segments,
                track.srt,
                track.vtt,
                track.txt,
                done ? CueJson.readIndexes(track.crowded) : null,
                track.error,
                done ? new Captions(segments, track.srt, track.vtt, track.txt) : null);
    }
}
