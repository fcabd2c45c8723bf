package io.mashups.community.gamification;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Streaks from the set of local days with a creative action: runs of consecutive days (or of consecutive weeks,
 * given each week's Monday). Every figure is a function of the set alone, so days learnt late or twice change
 * nothing: the awards count each full {@code length} days of every run, which adding a day never lowers (a day
 * joining two runs of a and b days makes one of a + b + 1).
 */
public final class Streaks {
    private Streaks() {}

    /** {@code current} counts the run that ends on {@code today}, or on the day before (today is not over yet). */
    public record Streak(int current, int longest) {}

    public static Streak days(NavigableSet<LocalDate> days, LocalDate today) {
        return streak(days, today, 1);
    }

    public static Streak weeks(NavigableSet<LocalDate> mondays, LocalDate today) {
        return streak(mondays, ZoneHistory.weekOf(today), 7);
    }

    /** How many awards a streak of {@code length} days the days have earned: the sum over runs of run / length. */
    public static int milestones(NavigableSet<LocalDate> days, int length) {
        return runs(days, 1).stream().mapToInt(run -> run.length() / length).sum();
    }

    private static Streak streak(NavigableSet<LocalDate> days, LocalDate now, int step) {
        List<Run> runs = runs(days, step);
        int longest = runs.stream().mapToInt(Run::length).max().orElse(0);
        int current = 0;
        for (Run run : runs) {
            long sinceLast = ChronoUnit.DAYS.between(run.last(), now);
            if (sinceLast >= 0 && sinceLast <= step) {
                current = run.length();
            }
        }
        return new Streak(current, longest);
    }

    private record Run(LocalDate last, int length) {}

    private static List<Run> runs(NavigableSet<LocalDate> days, int step) {
        List<Run> runs = new ArrayList<>();
        LocalDate previous = null;
        int length = 0;
        for (LocalDate day : days) {
            if (previous != null && !previous.plusDays(step).equals(day)) {
                runs.add(new Run(previous, length));
                length = 0;
            }
            length++;
            previous = day;
        }
        if (previous != null) {
            runs.add(new Run(previous, length));
        }
        return runs;
    }
}
