package io.mashups.captions.format;

/**
 * The subtitling rules cues are built to, after Netflix's timed-text style guide for English: at most two lines
 * of at most 42 characters, on screen between 5/6 s and 7 s, at most 17 characters per second, and two frames
 * (at 24 fps) between consecutive cues.
 */
public record CaptionStyle(
        int maxLineLength,
        int maxLines,
        double minDuration,
        double maxDuration,
        double maxReadingSpeed,
        double minGap) {
    public static final CaptionStyle NETFLIX = new CaptionStyle(42, 2, 5.0 / 6, 7, 17, 2.0 / 24);
}
