package io.mashups.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ffprobe and ffmpeg as the project's scripts install them (deploy/local/install-deps.sh, the audio images).
 * Blocking: call from worker threads only.
 */
public final class MediaTools {
    private static final ObjectMapper JSON = Json.mapper();
    /** Decoding rate for measuring a duration: low, since only the length counts. */
    private static final int DURATION_RATE = 8000;

    /** The first audio stream of the file, or empty when ffprobe finds none (not audio, or unreadable). */
    public static Optional<Probe> probe(Path file) throws IOException, InterruptedException {
        Result result = run(
                List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-print_format",
                        "json",
                        "-show_format",
                        "-show_streams",
                        file.toString()),
                60);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(result.stdout());
        for (JsonNode stream : root.path("streams")) {
            if ("audio".equals(stream.path("codec_type").asText())) {
                double duration = root.path("format")
                        .path("duration")
                        .asDouble(stream.path("duration").asDouble(0));
                return Optional.of(new Probe(
                        root.path("format").path("format_name").asText(),
                        stream.path("codec_name").asText(),
                        duration,
                        stream.path("sample_rate").asInt(0),
                        stream.path("channels").asInt(0)));
            }
        }
        return Optional.empty();
    }

    /** Decodes the whole file; the first decoder error (a truncated or corrupt file), or empty when it decodes cleanly. */
    public static Optional<String> decodeError(Path file) throws IOException, InterruptedException {
        Result result = run(
                List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-"), 600);
        String errors = result.stderr().strip();
        if (result.exitCode() != 0 || !errors.isEmpty()) {
            return Optional.of(
                    errors.isEmpty()
                            ? "ffmpeg exited with " + result.exitCode()
                            : errors.lines().findFirst().orElse(errors));
        }
        return Optional.empty();
    }

    /** Decodes any input to raw 32-bit float PCM ({@code f32le}) at the given rate and channel count. */
    public static void decodePcm(Path input, Path output, int sampleRate, int channels)
            throws IOException, InterruptedException {
        ffmpeg(List.of(
                "-i",
                input.toString(),
                "-vn",
                "-ac",
                String.valueOf(channels),
                "-ar",
                String.valueOf(sampleRate),
                "-f",
                "f32le",
                "-acodec",
                "pcm_f32le",
                output.toString()));
    }

    /**
     * How long the file plays when decoded, which can be shorter than the duration its header reports (an MP3's
     * encoder padding): what times inside the audio are bounded by.
     */
    public static double decodedDurationSec(Path input, Path workDir) throws IOException, InterruptedException {
        Path pcm = Files.createTempFile(workDir, "decoded-", ".f32");
        try {
            decodePcm(input, pcm, DURATION_RATE, 1);
            return Files.size(pcm) / 4.0 / DURATION_RATE;
        } finally {
            Files.deleteIfExists(pcm);
        }
    }

    /** EBU R128 integrated loudness (LUFS) and true peak (dBTP), as ffmpeg's ebur128 filter measures them. */
    public static Loudness loudness(Path input) throws IOException, InterruptedException {
        Result result = run(
                List.of(
                        "ffmpeg",
                        "-nostdin",
                        "-hide_banner",
                        "-nostats",
                        "-i",
                        input.toString(),
                        "-vn",
                        "-af",
                        "ebur128=peak=true",
                        "-f",
                        "null",
                        "-"),
                600);
        if (result.exitCode() != 0) {
            throw new IOException("ffmpeg could not measure loudness: " + lastLine(result.stderr()));
        }
        String summary = result.stderr().substring(Math.max(0, result.stderr().lastIndexOf("Summary:")));
        return new Loudness(number(summary, "I:"), number(summary, "Peak:"));
    }

    /** Runs ffmpeg with the given arguments (after the global options); fails with its last error line. */
    public static void ffmpeg(List<String> arguments) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y"));
        command.addAll(arguments);
        Result result = run(command, 1800);
        if (result.exitCode() != 0) {
            throw new IOException("ffmpeg failed: " + lastLine(result.stderr()));
        }
    }

    private static double number(String text, String label) throws IOException {
        int at = text.indexOf(label);
        if (at < 0) {
            throw new IOException("ffmpeg printed no " + label);
        }
        String rest = text.substring(at + label.length()).trim();
        String token = rest.split("\\s+")[0];
        return token.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(token);
    }

    /** The last line of a tool's output: usually the error that ended it. */
    public static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /**
     * Runs a native tool to completion with its output captured; the process is killed on timeout or when the
     * calling thread is interrupted.
     */
    public static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        // both streams to files: reading pipes in turn can dead-lock, and a pipe read cannot be interrupted
        Path output = java.nio.file.Files.createTempFile("mediatool", ".out");
        Path errors = java.nio.file.Files.createTempFile("mediatool", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException(command.get(0) + " took longer than " + timeoutSeconds + " s");
            }
            return new Result(
                    process.exitValue(),
                    new String(java.nio.file.Files.readAllBytes(output), StandardCharsets.UTF_8),
                    new String(java.nio.file.Files.readAllBytes(errors), StandardCharsets.UTF_8));
        } finally {
            // a cancelled job interrupts the thread: the tool must not outlive it
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            java.nio.file.Files.deleteIfExists(output);
            java.nio.file.Files.deleteIfExists(errors);
        }
    }

    /** What a tool printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private MediaTools() {}
}
