package io.mashups.community.gamification;

import io.mashups.events.EventCatalog;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes XP, badges and creative days, in the caller's transaction: each award a row of the append-only XP log keyed
 * by (user, source, rule), the user's total and level beside it, {@code community.xp-awarded} in the outbox, and the
 * badges the new level or streak earns. Awards of one user are ordered by locking their totals' row first.
 */
@ApplicationScoped
public class XpLog {
    private static final String LOCK = """
            INSERT INTO user_gamification (user_id, updated_at) VALUES (?1, ?2)
            ON CONFLICT (user_id) DO UPDATE SET updated_at = user_gamification.updated_at RETURNING total_xp""";
    private static final String INSERT_AWARD = """
            INSERT INTO xp_transactions (user_id, amount, reason, source, reference_id, local_day, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (user_id, source, reason) DO NOTHING RETURNING id""";
    private static final String ADD_XP = """
            UPDATE user_gamification SET total_xp = total_xp + ?2, updated_at = ?3 WHERE user_id = ?1
            RETURNING total_xp, current_level""";

    private final Outbox outbox;

    public XpLog(Outbox outbox) {
        this.outbox = outbox;
    }

    /** One XP award for a user on their local day of {@code at}. */
    public record Award(
            String userId,
            XpRule rule,
            int amount,
            String source,
            String referenceId,
            LocalDate localDay,
            Instant at) {}

    /** Locks the user's totals (creating them) for the rest of the transaction; answers their XP. */
    public Uni<Long> lock(String userId, Instant at) {
        return session()
                .chain(session -> session.createNativeQuery(LOCK, Long.class)
                        .setParameter(1, userId)
                        .setParameter(2, at.atOffset(ZoneOffset.UTC))
                        .getSingleResult());
    }

    /** The user's time zones, as the profile's changes left them. */
    public Uni<ZoneHistory> zones(String userId) {
        return session()
                .chain(session -> session.createNativeQuery(
                                "SELECT since, time_zone FROM profile_zones WHERE user_id = ?1", Object[].class)
                        .setParameter(1, userId)
                        .getResultList())
                .map(rows -> new ZoneHistory(rows.stream()
                        .map(row -> new ZoneHistory.Change(
                                ((java.time.OffsetDateTime) row[0]).toInstant(), ZoneId.of((String) row[1])))
                        .toList()));
    }

    /** Awards once per (user, source, rule): true when this call awarded it. */
    public Uni<Boolean> award(Award award) {
        if (award.amount() <= 0) {
            return Uni.createFrom().item(false);
        }
        return session()
                .chain(session -> session.createNativeQuery(INSERT_AWARD, Long.class)
                        .setParameter(1, award.userId())
                        .setParameter(2, award.amount())
                        .setParameter(3, award.rule().reason())
                        .setParameter(4, award.source())
                        .setParameter(5, award.referenceId())
                        .setParameter(6, award.localDay())
                        .setParameter(7, award.at().atOffset(ZoneOffset.UTC))
                        .getResultList()
                        .chain(inserted -> inserted.isEmpty() ? Uni.createFrom().item(false) : credit(session, award)));
    }

    private Uni<Boolean> credit(Mutiny.Session session, Award award) {
        return session.createNativeQuery(ADD_XP, Object[].class)
                .setParameter(1, award.userId())
                .setParameter(2, award.amount())
                .setParameter(3, award.at().atOffset(ZoneOffset.UTC))
                .getSingleResult()
                .chain(row -> {
                    long total = ((Number) row[0]).longValue();
                    int before = ((Number) row[1]).intValue();
                    int level = Levels.level(total);
                    Uni<Void> levelled = level == before
                            ? Uni.createFrom().voidItem()
                            : session.createNativeQuery(
                                            "UPDATE user_gamification SET current_level = ?2 WHERE user_id = ?1")
                                    .setParameter(1, award.userId())
                                    .setParameter(2, level)
                                    .executeUpdate()
                                    .chain(() ->
                                            badges(award.userId(), Badge.forLevel(level), award.source(), award.at()));
                    return levelled.chain(() -> outbox.add(
                                    EventCatalog.XP_AWARDED,
                                    award.userId(),
                                    new XpAwardedV1(
                                            award.userId(),
                                            award.amount(),
                                            award.rule().reason(),
                                            total,
                                            level,
                                            award.source(),
                                            award.referenceId(),
                                            award.at())))
                            .replaceWith(true);
                });
    }

    /** Grants a badge once; true when this call granted it. */
    public Uni<Boolean> badge(String userId, Badge badge, String source, Instant at) {
        return session()
                .chain(session -> session.createNativeQuery("INSERT INTO user_badges (user_id, badge_id, earned_at, "
                                + "source) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                        .setParameter(1, userId)
                        .setParameter(2, badge.id())
                        .setParameter(3, at.atOffset(ZoneOffset.UTC))
                        .setParameter(4, source)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    private Uni<Void> badges(String userId, List<Badge> badges, String source, Instant at) {
        return Multi.createFrom()
                .iterable(badges)
                .onItem()
                .transformToUniAndConcatenate(badge -> badge(userId, badge, source, at))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * A creative action of a locked user at {@code at}: its local day joins their days, and a new day tops the streak
     * awards up to what the days now earn (each full 7 and 30 days of every run) and grants the streak badges.
     */
    public Uni<Void> creativeDay(String userId, LocalDate day, Instant at) {
        return session()
                .chain(session -> session.createNativeQuery("INSERT INTO activity_days (user_id, local_day) VALUES "
                                + "(?1, ?2) ON CONFLICT DO NOTHING")
                        .setParameter(1, userId)
                        .setParameter(2, day)
                        .executeUpdate()
                        .chain(inserted -> inserted == 0
                                ? Uni.createFrom().voidItem()
                                : days(session, userId).chain(days -> streakAwards(userId, days, day, at))));
    }

    /** The user's local days with a creative action. */
    public Uni<TreeSet<LocalDate>> days(String userId) {
        return session().chain(session -> days(session, userId));
    }

    private static Uni<TreeSet<LocalDate>> days(Mutiny.Session session, String userId) {
        return session.createNativeQuery("SELECT local_day FROM activity_days WHERE user_id = ?1", LocalDate.class)
                .setParameter(1, userId)
                .getResultList()
                .map(TreeSet::new);
    }

    private Uni<Void> streakAwards(String userId, TreeSet<LocalDate> days, LocalDate day, Instant at) {
        int longest = Streaks.days(days, day).longest();
        return topUp(userId, XpRule.STREAK_7_DAYS, Streaks.milestones(days, 7), day, at)
                .chain(() -> topUp(userId, XpRule.STREAK_30_DAYS, Streaks.milestones(days, 30), day, at))
                .chain(() -> badges(userId, Badge.forStreak(longest), "streak", at));
    }

    /** Streak awards are numbered: the k-th is the source {@code streak_7_days:k}, so each is paid once. */
    private Uni<Void> topUp(String userId, XpRule rule, int earned, LocalDate day, Instant at) {
        return session()
                .chain(session -> session.createNativeQuery(
                                "SELECT count(*) FROM xp_transactions WHERE user_id = ?1 AND reason = ?2", Long.class)
                        .setParameter(1, userId)
                        .setParameter(2, rule.reason())
                        .getSingleResult())
                .chain(paid -> Multi.createFrom()
                        .range(paid.intValue() + 1, earned + 1)
                        .onItem()
                        .transformToUniAndConcatenate(
                                k -> award(new Award(userId, rule, rule.xp(), rule.reason() + ":" + k, null, day, at)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    /** Play XP already earned on a local day (the daily cap's count). */
    public Uni<Integer> playXpOn(String userId, LocalDate day) {
        return session()
                .chain(session -> session.createNativeQuery(
                                "SELECT coalesce(sum(amount), 0) FROM xp_transactions WHERE user_id = ?1 "
                                        + "AND reason = ?2 AND local_day = ?3",
                                Long.class)
                        .setParameter(1, userId)
                        .setParameter(2, XpRule.MASHUP_PLAYED.reason())
                        .setParameter(3, day)
                        .getSingleResult())
                .map(Long::intValue);
    }

    /** Adds to the user's figures of a local week. */
    public Uni<Void> weekly(String userId, LocalDate week, int mashups, long plays, long likes) {
        if (mashups == 0 && plays == 0 && likes == 0) {
            return Uni.createFrom().voidItem();
        }
        return session()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO weekly_stats (user_id, week, mashups, plays, likes) VALUES (?1, ?2, ?3, ?4, ?5)
                                ON CONFLICT (user_id, week) DO UPDATE SET mashups = weekly_stats.mashups + excluded.mashups,
                                    plays = weekly_stats.plays + excluded.plays, likes = weekly_stats.likes + excluded.likes""")
                        .setParameter(1, userId)
                        .setParameter(2, week)
                        .setParameter(3, mashups)
                        .setParameter(4, plays)
                        .setParameter(5, likes)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
