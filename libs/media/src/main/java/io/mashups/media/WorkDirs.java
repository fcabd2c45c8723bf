package io.mashups.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of long audio work. */
public final class WorkDirs {
    private WorkDirs() {}

    /** Deletes the directory and everything in it; what cannot be deleted is left for the OS to clean. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temp directory left behind is not worth failing a job over
        }
    }
}
