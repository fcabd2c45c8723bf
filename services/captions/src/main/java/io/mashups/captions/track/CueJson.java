package io.mashups.captions.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.captions.format.Cue;
import io.mashups.captions.format.Word;
import io.mashups.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Cues as the API shows them (segments with their words) and as the track stores them. */
public final class CueJson {
    private static final ObjectMapper JSON = Json.mapper();

    /** A segment of the API: one cue, its text, its lines and its words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CaptionSegment")
    public record Segment(
            @Schema(examples = "1.2") double start,
            @Schema(examples = "3.4") double end,
            @Schema(examples = "Hold the line") String text,
            @Schema(examples = "[\"Hold the line\"]") List<String> lines,
            List<SegmentWord> words) {}

    public record SegmentWord(
            @Schema(examples = "1.2") double start,
            @Schema(examples = "1.6") double end,
            @Schema(examples = "Hold") String word,
            @Schema(examples = "0.92") double confidence) {}

    private CueJson() {}

    /** Each cue with the words that fall in it. */
    public static List<Segment> segments(List<Cue> cues, List<Word> words) {
        List<Segment> segments = new ArrayList<>();
        int next = 0;
        for (Cue cue : cues) {
            List<SegmentWord> inCue = new ArrayList<>();
            int count = cue.text().isBlank() ? 0 : cue.text().split(" ").length;
            for (int k = 0; k < count && next < words.size(); k++, next++) {
                Word word = words.get(next);
                inCue.add(
                        new SegmentWord(round(word.start()), round(word.end()), word.word(), round(word.confidence())));
            }
            segments.add(new Segment(round(cue.start()), round(cue.end()), cue.text(), cue.lines(), inCue));
        }
        return segments;
    }

    public static List<Cue> cues(List<Segment> segments) {
        return segments.stream()
                .map(s -> new Cue(s.start(), s.end(), s.lines()))
                .toList();
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Segment> read(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<Segment>>() {});
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Integer> readIndexes(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
