package io.mashups.captions.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ffmpeg parses a subtitle file and re-muxes it (ffmpeg 5.1's null muxer has no subtitle encoder, so
 * {@code -f null} cannot be used); fails on any complaint and returns the cues it read.
 */
public final class SubtitleReadBack {
    private SubtitleReadBack() {}

    /** {@code format}: srt or webvtt. */
    public static long cues(String content, String format) throws Exception {
        String extension = format.equals("srt") ? ".srt" : ".vtt";
        Path file = Files.createTempFile("captions", extension);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Path out = Files.createTempFile("readback", extension);
        Process ffmpeg = new ProcessBuilder(
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        file.toString(),
                        "-map",
                        "0",
                        "-c:s",
                        format,
                        "-f",
                        format,
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String errors = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ffmpeg.waitFor(), format + ": " + errors);
        assertEquals("", errors.strip(), format + " read without complaint");
        return Files.readAllLines(out).stream()
                .filter(line -> line.contains(" --> "))
                .count();
    }
}
