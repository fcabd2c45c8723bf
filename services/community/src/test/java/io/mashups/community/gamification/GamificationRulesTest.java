package io.mashups.community.gamification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.community.gamification.Streaks.Streak;
import io.mashups.community.gamification.ZoneHistory.Change;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Levels against the seed plan's table; streaks, streak awards and the daily play cap property-tested over 10,000
 * generated activity histories in random time zones (daylight-saving changes, zones with half and quarter hour
 * offsets, a day that never was, users moving between zones), each applied in a shuffled order with duplicates and
 * compared with a brute-force reference that walks the local calendar day by day in order.
 */
class GamificationRulesTest {
    private static final int HISTORIES = 10_000;
    private static final List<ZoneId> ZONES = List.of(
                    "UTC",
                    "Europe/London",
                    "Europe/Dublin", // negative daylight saving in the rules' data
                    "America/New_York",
                    "America/St_Johns", // -3:30 with daylight saving
                    "America/Santiago",
                    "Australia/Sydney",
                    "Australia/Lord_Howe", // a 30-minute daylight-saving change
                    "Pacific/Chatham", // +12:45 / +13:45
                    "Asia/Kolkata",
                    "Asia/Kathmandu",
                    "Pacific/Kiritimati", // +14
                    "Pacific/Apia", // skipped 30 December 2011
                    "Africa/Casablanca",
                    "America/Los_Angeles")
            .stream()
            .map(ZoneId::of)
            .toList();
    /** Dates the histories start near: daylight-saving weekends of both hemispheres and Samoa's skipped day. */
    private static final List<Instant> STARTS = List.of(
            Instant.parse("2011-12-20T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-20T00:00:00Z"),
            Instant.parse("2026-09-20T00:00:00Z"),
            Instant.parse("2026-10-20T00:00:00Z"),
            Instant.parse("2026-12-25T00:00:00Z"));

    @Test
    void levelsFollowTheSeedPlansTable() {
        Map<Long, Integer> table = Map.of(0L, 1, 99L, 1, 100L, 2, 399L, 2, 400L, 3, 1_599L, 4, 1_600L, 5, 8_100L, 10);
        table.forEach((xp, level) -> assertEquals(level, Levels.level(xp), xp + " XP"));
        assertEquals(100, Levels.toNextLevel(0));
        assertEquals(300, Levels.toNextLevel(100));
        assertEquals(1, Levels.toNextLevel(8_099));
        assertEquals(1_900, Levels.toNextLevel(8_100)); // level 11 at 10,000
        for (long xp = 0; xp < 2_000_000; xp += 7) {
            int level = Levels.level(xp);
            assertEquals((int) Math.floor(Math.sqrt(xp / 100.0)) + 1, level, xp + " XP");
            assertTrue(Levels.toNextLevel(xp) > 0 && Levels.level(xp + Levels.toNextLevel(xp)) == level + 1);
        }
        // past doubles' exact range the level is still the exact integer square root
        long huge = Levels.threshold(300_000_001L);
        assertEquals(300_000_001L, Levels.level(huge));
        assertEquals(300_000_000L, Levels.level(huge - 1));
        assertThrows(IllegalArgumentException.class, () -> Levels.level(-1));
    }

    @Test
    void streaksAwardsAndThePlayCapAgreeWithALocalCalendarWalk() {
        Random random = new Random(20261204);
        for (int history = 0; history < HISTORIES; history++) {
            check(generate(random), random, history);
        }
    }

    private record Plays(String id, Instant at, int count) {}

    private record History(ZoneHistory zones, List<Instant> actions, List<Plays> plays, Instant now) {}

    private static History generate(Random random) {
        Instant start = STARTS.get(random.nextInt(STARTS.size()))
                .plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)))
                .minus(Duration.ofDays(10));
        int days = 2 + random.nextInt(random.nextInt(4) == 0 ? 120 : 40);
        List<Change> changes = new ArrayList<>();
        int moves = random.nextInt(4); // no zone set (UTC) in some histories, several moves in others
        for (int i = 0; i < moves; i++) {
            Instant from = i == 0 && random.nextBoolean() ? start.minusSeconds(1) : at(random, start, days);
            changes.add(new Change(from, ZONES.get(random.nextInt(ZONES.size()))));
        }
        // active most days, in bursts with gaps, at any local hour (near midnight often)
        double activeShare = 0.5 + random.nextDouble() * 0.5;
        List<Instant> actions = new ArrayList<>();
        List<Plays> plays = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            Instant dayStart = start.plus(Duration.ofDays(day));
            if (random.nextDouble() < activeShare) {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    actions.add(nearMidnightOrAnyTime(random, dayStart));
                }
            }
            int batches = random.nextInt(6);
            for (int i = 0; i < batches; i++) {
                int count = random.nextInt(4) == 0 ? 1 + random.nextInt(90) : 1 + random.nextInt(12);
                plays.add(new Plays("plays-" + day + "-" + i, nearMidnightOrAnyTime(random, dayStart), count));
            }
        }
        // now: after the last action, up to two days later (a streak is current until the day after its last)
        Instant now = start.plus(Duration.ofDays(days + random.nextInt(3))).plus(Duration.ofMinutes(90));
        return new History(new ZoneHistory(changes), actions, plays, now);
    }

    private static Instant at(Random random, Instant start, int days) {
        return start.plus(Duration.ofMinutes(random.nextInt(days * 1440)));
    }

    private static Instant nearMidnightOrAnyTime(Random random, Instant dayStart) {
        int minutes = random.nextBoolean() ? random.nextInt(1440) : 1440 - 90 + random.nextInt(180);
        return dayStart.plus(Duration.ofMinutes(minutes));
    }

    private static void check(History history, Random random, int index) {
        String label = "history " + index + " (" + history.zones() + ", now " + history.now() + ")";
        LocalDate today = referenceDay(history.zones(), history.now());

        // applied as the service applies them: shuffled, each event possibly twice, streak awards topped up to what
        // the days give after each one (they must never need to go down)
        List<Instant> actions = new ArrayList<>(history.actions());
        actions.addAll(history.actions().subList(0, history.actions().size() / 3));
        Collections.shuffle(actions, random);
        TreeSet<LocalDate> days = new TreeSet<>();
        TreeSet<LocalDate> weeks = new TreeSet<>();
        int sevens = 0;
        int thirties = 0;
        for (Instant action : actions) {
            days.add(history.zones().day(action));
            weeks.add(history.zones().week(action));
            int nowSevens = Streaks.milestones(days, 7);
            int nowThirties = Streaks.milestones(days, 30);
            assertTrue(nowSevens >= sevens && nowThirties >= thirties, label + ": a day lowered the streak awards");
            sevens = nowSevens;
            thirties = nowThirties;
        }
        Walk walk = walk(history, today);
        assertEquals(walk.days, Streaks.days(days, today), label);
        assertEquals(walk.weeks, Streaks.weeks(weeks, today), label);
        assertEquals(walk.sevens, sevens, label);
        assertEquals(walk.thirties, thirties, label);

        List<Plays> plays = new ArrayList<>(history.plays());
        plays.addAll(history.plays().subList(0, history.plays().size() / 2));
        Collections.shuffle(plays, random);
        Set<String> applied = new HashSet<>();
        Map<LocalDate, Integer> earned = new HashMap<>();
        for (Plays batch : plays) {
            if (applied.add(batch.id())) { // the XP log's key: an event applied twice awards once
                LocalDate day = history.zones().day(batch.at());
                earned.merge(day, XpRule.playXp(batch.count(), earned.getOrDefault(day, 0)), Integer::sum);
            }
        }
        earned.values().removeIf(xp -> xp == 0);
        assertEquals(referencePlayXp(history), earned, label);
    }

    private record Walk(Streak days, Streak weeks, int sevens, int thirties) {}

    /** The reference: local dates by scanning the zone changes, then the calendar walked one day at a time. */
    private static Walk walk(History history, LocalDate today) {
        Set<LocalDate> active = new HashSet<>();
        Set<LocalDate> activeWeeks = new HashSet<>();
        for (Instant action : history.actions()) {
            LocalDate day = referenceDay(history.zones(), action);
            active.add(day);
            activeWeeks.add(day.minusDays(day.getDayOfWeek().getValue() - 1));
        }
        // from the first active day (or today) to today: the days after the last active one count nothing
        LocalDate first = active.stream().min(LocalDate::compareTo).orElse(today);
        LocalDate last = today;
        int run = 0;
        int longest = 0;
        int sevens = 0;
        int thirties = 0;
        Map<LocalDate, Integer> runEndingOn = new HashMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            run = active.contains(day) ? run + 1 : 0;
            runEndingOn.put(day, run);
            longest = Math.max(longest, run);
            sevens += run > 0 && run % 7 == 0 ? 1 : 0;
            thirties += run > 0 && run % 30 == 0 ? 1 : 0;
        }
        int current = runEndingOn.getOrDefault(today, 0) > 0
                ? runEndingOn.get(today)
                : runEndingOn.getOrDefault(today.minusDays(1), 0);
        LocalDate thisWeek = today.minusDays(today.getDayOfWeek().getValue() - 1);
        LocalDate firstWeek = activeWeeks.stream().min(LocalDate::compareTo).orElse(thisWeek);
        int weekRun = 0;
        int longestWeeks = 0;
        Map<LocalDate, Integer> weekRunEndingOn = new HashMap<>();
        for (LocalDate week = firstWeek; !week.isAfter(thisWeek); week = week.plusWeeks(1)) {
            weekRun = activeWeeks.contains(week) ? weekRun + 1 : 0;
            weekRunEndingOn.put(week, weekRun);
            longestWeeks = Math.max(longestWeeks, weekRun);
        }
        int currentWeeks = weekRunEndingOn.getOrDefault(thisWeek, 0) > 0
                ? weekRunEndingOn.get(thisWeek)
                : weekRunEndingOn.getOrDefault(thisWeek.minusWeeks(1), 0);
        return new Walk(new Streak(current, longest), new Streak(currentWeeks, longestWeeks), sevens, thirties);
    }

    private static Map<LocalDate, Integer> referencePlayXp(History history) {
        Map<LocalDate, Integer> plays = new HashMap<>();
        for (Plays batch : history.plays()) {
            plays.merge(referenceDay(history.zones(), batch.at()), batch.count(), Integer::sum);
        }
        plays.replaceAll((day, count) -> Math.min(count, XpRule.DAILY_PLAY_CAP));
        return plays;
    }

    /** The zone in effect: the latest change at or before the instant, scanning them all; UTC before any. */
    private static LocalDate referenceDay(ZoneHistory zones, Instant instant) {
        Change latest = null;
        for (Change change : zones.changes()) {
            if (!change.from().isAfter(instant)
                    && (latest == null || !change.from().isBefore(latest.from()))) {
                latest = change;
            }
        }
        return ZonedDateTime.ofInstant(instant, latest == null ? ZoneId.of("UTC") : latest.zone())
                .toLocalDate();
    }
}
