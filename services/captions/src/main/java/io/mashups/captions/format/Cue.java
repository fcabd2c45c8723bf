package io.mashups.captions.format;

import java.util.List;

/** One subtitle on screen: one or two lines from start to end (seconds). */
public record Cue(double start, double end, List<String> lines) {
    public String text() {
        return String.join(" ", lines);
    }

    /** Characters per second, counting what is read (line breaks count as spaces). */
    public double readingSpeed() {
        return text().length() / Math.max(0.001, end - start);
    }
}
