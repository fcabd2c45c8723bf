package io.mashups.community.gamification;

import io.mashups.community.gamification.XpLog.Award;
import io.mashups.community.profile.Caller;
import io.mashups.community.profile.ProfileService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/** Gamification's entry points: creative actions and wins from the rest of community, and a user's profile. */
@ApplicationScoped
public class Gamification {
    private final XpLog log;
    private final ProfileService profiles;
    private final Clock clock;

    public Gamification(XpLog log, ProfileService profiles, Clock clock) {
        this.log = log;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** A creative action (a mashup created, a studio session, a challenge submission), in the caller's transaction. */
    public Uni<Void> creativeAction(String userId, Instant at) {
        return log.lock(userId, at)
                .chain(() -> log.zones(userId))
                .chain(zones -> log.creativeDay(userId, zones.day(at), at));
    }

    /** A battle or challenge won, in the transaction that decides it: its XP and badge, once per source. */
    public Uni<Void> won(String userId, XpRule rule, Badge badge, String source, Instant at) {
        return log.lock(userId, at)
                .chain(() -> log.zones(userId))
                .chain(zones -> log.award(new Award(userId, rule, rule.xp(), source, source, zones.day(at), at)))
                .chain(() -> log.badge(userId, badge, source, at))
                .replaceWithVoid();
    }

    /** The caller's level, XP, badges, streaks and this local week's figures (days and weeks of their zone). */
    public Uni<GamificationProfile> profile(Caller caller) {
        Instant now = clock.instant();
        String user = caller.id();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> log.zones(user))
                .chain(zones -> {
                    LocalDate today = zones.day(now);
                    return Panache.getSession()
                            .chain(session -> session.createNativeQuery(
                                            "SELECT total_xp FROM user_gamification WHERE user_id = ?1", Long.class)
                                    .setParameter(1, user)
                                    .getResultList()
                                    .chain(totals -> session.createNativeQuery(
                                                    "SELECT badge_id, earned_at FROM user_badges WHERE user_id = ?1 "
                                                            + "ORDER BY earned_at, badge_id",
                                                    Object[].class)
                                            .setParameter(1, user)
                                            .getResultList()
                                            .chain(badges -> session.createNativeQuery(
                                                            "SELECT mashups, plays, likes FROM weekly_stats WHERE user_id = ?1 "
                                                                    + "AND week = ?2",
                                                            Object[].class)
                                                    .setParameter(1, user)
                                                    .setParameter(2, ZoneHistory.weekOf(today))
                                                    .getResultList()
                                                    .chain(week -> log.days(user)
                                                            .map(days -> profile(
                                                                    totals.isEmpty() ? 0 : totals.get(0),
                                                                    badges.stream()
                                                                            .map(GamificationProfile.BadgeView::of)
                                                                            .flatMap(java.util.Optional::stream)
                                                                            .toList(),
                                                                    days,
                                                                    today,
                                                                    week.isEmpty()
                                                                            ? GamificationProfile.WeeklyStats.NONE
                                                                            : GamificationProfile.WeeklyStats.of(
                                                                                    week.get(0))))))));
                }));
    }

    private static GamificationProfile profile(
            long xp,
            List<GamificationProfile.BadgeView> badges,
            TreeSet<LocalDate> days,
            LocalDate today,
            GamificationProfile.WeeklyStats week) {
        TreeSet<LocalDate> weeks = new TreeSet<>();
        days.forEach(day -> weeks.add(ZoneHistory.weekOf(day)));
        Streaks.Streak daily = Streaks.days(days, today);
        Streaks.Streak weekly = Streaks.weeks(weeks, today);
        return new GamificationProfile(
                Levels.level(xp),
                xp,
                Levels.toNextLevel(xp),
                badges,
                new GamificationProfile.StreakView(
                        daily.current(),
                        daily.longest(),
                        new GamificationProfile.WeeklyStreak(weekly.current(), weekly.longest())),
                week);
    }
}
