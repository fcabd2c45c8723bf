package io.mashups.community.gamification;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;

/**
 * A user's time zones over time, each in effect from its instant until the next one (UTC before the first): what
 * makes an instant a day or a week of the user's own, daylight-saving changes and moves included.
 */
public record ZoneHistory(List<Change> changes) {
    public record Change(Instant from, ZoneId zone) {}

    public static final ZoneHistory UTC = new ZoneHistory(List.of());

    public ZoneHistory {
        changes = changes.stream().sorted(Comparator.comparing(Change::from)).toList();
    }

    public ZoneId zoneAt(Instant instant) {
        ZoneId zone = ZoneOffset.UTC;
        for (Change change : changes) {
            if (change.from().isAfter(instant)) {
                break;
            }
            zone = change.zone();
        }
        return zone;
    }

    public LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zoneAt(instant));
    }

    /** The Monday that starts the instant's local (ISO) week. */
    public LocalDate week(Instant instant) {
        return weekOf(day(instant));
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
