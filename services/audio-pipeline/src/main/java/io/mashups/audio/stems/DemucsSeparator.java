package io.mashups.audio.stems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The GPU engine: the {@code demucs} command with the htdemucs model, as the GPU worker image installs it. Demucs
 * writes {@code <out>/<model>/<input name without extension>/<stem>.wav}.
 */
public final class DemucsSeparator implements StemSeparator {
    private final String command;
    private final String model;
    private final String device;
    private final long timeoutSeconds;

    public DemucsSeparator(String command, String model, String device, long timeoutSeconds) {
        this.command = command;
        this.model = model;
        this.device = device;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public String engine() {
        return "demucs";
    }

    @Override
    public Map<Stem, Path> separate(Path input, Path outputDir) throws IOException, InterruptedException {
        Path out = Files.createDirectories(outputDir.resolve("demucs"));
        Path log = outputDir.resolve("demucs.log");
        Process process = new ProcessBuilder(
                        List.of(command, "-n", model, "-d", device, "-o", out.toString(), input.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("demucs took longer than " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IOException("demucs exited with " + process.exitValue() + ": "
                    + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
        }
        String track = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path trackDir = out.resolve(model).resolve(track);
        Map<Stem, Path> stems = new EnumMap<>(Stem.class);
        for (Stem stem : Stem.values()) {
            Path file = trackDir.resolve(stem.fileName());
            if (!Files.isRegularFile(file)) {
                throw new IOException("demucs wrote no " + stem.fileName() + " in " + trackDir);
            }
            Path target = outputDir.resolve(stem.fileName());
            Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            stems.put(stem, target);
        }
        return stems;
    }
}
