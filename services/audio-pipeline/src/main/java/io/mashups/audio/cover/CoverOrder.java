package io.mashups.audio.cover;

/**
 * One cover to render, as its job keeps it: template, size and format by their wire names, and the version (a hash of
 * everything drawn on it) it is to be stored under.
 */
public record CoverOrder(String template, String size, String format, String version) {
    CoverTemplate coverTemplate() {
        return CoverTemplate.of(template).orElseThrow();
    }

    CoverSize coverSize() {
        return CoverSize.of(size).orElseThrow();
    }

    CoverFormat coverFormat() {
        return CoverFormat.of(format).orElseThrow();
    }

    /** Where the image is stored: a new key per version, so a cached old URL never shows a new cover. */
    String key(String mashupId) {
        return "covers/" + mashupId + "/" + template + "-" + size + "-" + version + "." + coverFormat().extension;
    }
}
