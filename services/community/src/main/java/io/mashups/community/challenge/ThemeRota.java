package io.mashups.community.challenge;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The themes the service's own daily and weekly challenges take in turn, and their windows: a day from one local
 * midnight of the configured zone to the next (23 or 25 hours across a daylight-saving change), a week from Monday.
 */
final class ThemeRota {
    record Theme(String title, String theme, String description) {}

    record Window(java.time.Instant startsAt, java.time.Instant endsAt) {}

    private static final List<Theme> THEMES = List.of(
            new Theme("Decades Collide", "decades", "Blend a song from the 80s with one from this decade."),
            new Theme("Genre Swap", "genre-swap", "Put a rap vocal over a rock or country instrumental."),
            new Theme("Half Time", "tempo", "Slow a fast track to half time under a ballad's vocal."),
            new Theme("Key Change", "harmony", "Make two songs in distant keys meet without a clash."),
            new Theme("One Stem Wonder", "minimal", "Build a mashup from a single stem of each song."),
            new Theme("Throwback Anthems", "nostalgia", "Two anthems your parents knew, made new."),
            new Theme("Summer Nights", "summer", "Sunset energy: warm, bright, danceable."),
            new Theme("Acapella Spotlight", "vocals", "Let the vocals lead: the instrumental stays in the back."),
            new Theme("Bass Drop", "edm", "Build tension and drop it: an electronic mashup."),
            new Theme("Unplugged", "acoustic", "Acoustic instrumentals only under any vocal."),
            new Theme("Movie Night", "soundtrack", "A film soundtrack meets a chart hit."),
            new Theme("World Tour", "world", "Cross two languages or two continents in one track."));

    private ThemeRota() {}

    static Theme daily(LocalDate day) {
        return THEMES.get(Math.floorMod(day.toEpochDay(), THEMES.size()));
    }

    static Theme weekly(LocalDate monday) {
        // a week's theme is not the theme of any of its days in the same turn of the list
        return THEMES.get(Math.floorMod(monday.toEpochDay() / 7 + THEMES.size() / 2, THEMES.size()));
    }

    static Window day(LocalDate day, ZoneId zone) {
        return new Window(
                day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static Window week(LocalDate monday, ZoneId zone) {
        return new Window(
                monday.atStartOfDay(zone).toInstant(),
                monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }
}
