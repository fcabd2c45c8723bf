package io.mashups.audio.cover;

import java.util.Arrays;
import java.util.Optional;

/** The sizes covers come in: the seed's square, link previews, and streaming services' cover requirement. */
public enum CoverSize {
    SQUARE(1080, 1080),
    LINK_PREVIEW(1200, 630),
    STREAMING(3000, 3000);

    public final int width;
    public final int height;

    CoverSize(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public String wire() {
        return width + "x" + height;
    }

    public static Optional<CoverSize> of(String wire) {
        return Arrays.stream(values()).filter(size -> size.wire().equals(wire)).findFirst();
    }
}
