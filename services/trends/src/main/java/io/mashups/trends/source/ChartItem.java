package io.mashups.trends.source;

import java.util.regex.Pattern;

/**
 * One entry of a chart as its source lists it. {@code isrc} where the source gives one; {@code mashupId} for the
 * platform's own mashups; the rest may be null.
 */
public record ChartItem(
        int rank,
        String title,
        String artist,
        String isrc,
        String externalId,
        String externalUrl,
        String thumbnailUrl,
        String previewUrl,
        String mashupId) {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200d]]");
    private static final int MAX_TEXT = 300;
    private static final int MAX_URL = 2000;

    /** Whether it still names a song once {@linkplain #clean() cleaned}. */
    public boolean named() {
        return title != null && !title.isEmpty() && artist != null;
    }

    /**
     * What a source said, made safe to store and show: no control characters (NUL included), text and links clipped,
     * links only when they are http(s).
     */
    public ChartItem clean() {
        return new ChartItem(
                rank,
                text(title),
                text(artist),
                isrc == null ? null : text(isrc),
                text(externalId),
                url(externalUrl),
                url(thumbnailUrl),
                url(previewUrl),
                mashupId);
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String plain = CONTROL.matcher(value).replaceAll("").strip();
        return plain.length() > MAX_TEXT ? plain.substring(0, MAX_TEXT) : plain;
    }

    private static String url(String value) {
        if (value == null) {
            return null;
        }
        String plain = CONTROL.matcher(value).replaceAll("").strip();
        if (plain.length() > MAX_URL || !plain.matches("(?i)https?://\\S+")) {
            return null;
        }
        return plain;
    }

    public static ChartItem song(
            int rank,
            String title,
            String artist,
            String isrc,
            String externalId,
            String externalUrl,
            String thumbnailUrl,
            String previewUrl) {
        return new ChartItem(rank, title, artist, isrc, externalId, externalUrl, thumbnailUrl, previewUrl, null);
    }
}
