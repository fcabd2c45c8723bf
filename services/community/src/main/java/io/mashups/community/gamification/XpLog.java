package io.mashups.community.gamification;

import io.mashups.events.EventCatalog;
import io.mashups.events.EventJson;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes XP, badges and creative days, in the caller's transaction: each award a row of the append-only XP log keyed
 * by (user, source, rule), the user's total and level beside it, {@code community.xp-awarded} in the outbox, and the
 * badges the new level or streak earns. Awards of one user are ordered by locking their totals' row first.
 *
 * <p>Each write takes a list and is one statement however long the list (rows go in as one JSON parameter): a batch
 * of engagement for hundreds of creators costs a handful of statements, not a handful per creator.
 */
@ApplicationScoped
public class XpLog {
    /** In user id order, so two transactions locking overlapping users never wait on each other in a circle. */
    private static final String LOCK = """
            INSERT INTO user_gamification (user_id, updated_at)
            SELECT u."userId", u.at FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS u ("userId" text, at timestamptz)
            ORDER BY u."userId"
            ON CONFLICT (user_id) DO UPDATE SET updated_at = user_gamification.updated_at""";

    private static final String ZONES = """
            SELECT user_id, since, time_zone FROM profile_zones
            WHERE user_id IN (SELECT json_array_elements_text(cast(cast(?1 AS text) AS json)))""";
    /** A repeated (user, source, rule) in the list is skipped like one already in the log: the first one counts. */
    private static final String INSERT_AWARDS = """
            INSERT INTO xp_transactions (user_id, amount, reason, source, reference_id, local_day, created_at)
            SELECT a."userId", a.amount, a.reason, a.source, a."referenceId", a."localDay", a.at
            FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS a (position int, "userId" text, amount int,
                reason text, source text, "referenceId" text, "localDay" date, at timestamptz)
            ORDER BY a.position
            ON CONFLICT (user_id, source, reason) DO NOTHING RETURNING user_id, source, reason""";

    private static final String ADD_XP = """
            UPDATE user_gamification g SET total_xp = g.total_xp + c.amount, updated_at = c.at
            FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS c ("userId" text, amount bigint, at timestamptz)
            WHERE g.user_id = c."userId" RETURNING g.user_id, g.total_xp, g.current_level""";
    private static final String SET_LEVELS = """
            UPDATE user_gamification g SET current_level = l.level
            FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS l ("userId" text, level int)
            WHERE g.user_id = l."userId\"""";
    private static final String GRANT = """
            INSERT INTO user_badges (user_id, badge_id, earned_at, source)
            SELECT g."userId", g."badgeId", g.at, g.source
            FROM json_to_recordset(cast(cast(?1 AS text) AS json))
                AS g (position int, "userId" text, "badgeId" text, at timestamptz, source text)
            ORDER BY g.position
            ON CONFLICT DO NOTHING RETURNING user_id, badge_id""";
    private static final String PLAY_XP = """
            SELECT d."userId", cast(d.day AS text), coalesce(sum(x.amount), 0)
            FROM json_to_recordset(cast(cast(?1 AS text) AS json)) AS d ("userId" text, day date)
            LEFT JOIN xp_transactions x ON x.user_id = d."userId" AND x.reason = ?2 AND x.local_day = d.day
            GROUP BY d."userId", d.day""";
    private static final String WEEKLY = """
            INSERT INTO weekly_stats (user_id, week, mashups, plays, likes)
            SELECT w."userId", w.week, w.mashups, w.plays, w.likes
            FROM json_to_recordset(cast(cast(?1 AS text) AS json))
                AS w ("userId" text, week date, mashups int, plays bigint, likes bigint)
            ON CONFLICT (user_id, week) DO UPDATE SET mashups = weekly_stats.mashups + excluded.mashups,
                plays = weekly_stats.plays + excluded.plays, likes = weekly_stats.likes + excluded.likes""";

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

    /** One badge for a user, for a source (what earned it). */
    public record Grant(String userId, Badge badge, String source, Instant at) {}

    /** A user's local day. */
    public record UserDay(String userId, LocalDate day) {}

    /** What to add to a user's figures of a local week (the Monday that starts it). */
    public record Week(String userId, LocalDate week, int mashups, long plays, long likes) {}

    /** Locks the user's totals (creating them) for the rest of the transaction. */
    public Uni<Void> lock(String userId, Instant at) {
        return lock(Map.of(userId, at));
    }

    /** Locks several users' totals (creating those missing, updated at their instant) for the rest of the transaction. */
    public Uni<Void> lock(Map<String, Instant> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = users.entrySet().stream()
                .map(user -> Map.<String, Object>of("userId", user.getKey(), "at", user.getValue()))
                .toList();
        return session()
                .chain(session -> session.createNativeQuery(LOCK)
                        .setParameter(1, EventJson.writeString(rows))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The user's time zones, as the profile's changes left them. */
    public Uni<ZoneHistory> zones(String userId) {
        return zones(Set.of(userId)).map(zones -> zones.get(userId));
    }

    /** Each user's time zones (UTC for one who never set one). */
    public Uni<Map<String, ZoneHistory>> zones(Collection<String> userIds) {
        return session()
                .chain(session -> session.createNativeQuery(ZONES, Object[].class)
                        .setParameter(1, EventJson.writeString(userIds))
                        .getResultList())
                .map(rows -> {
                    Map<String, List<ZoneHistory.Change>> changes = new HashMap<>();
                    for (Object[] row : rows) {
                        changes.computeIfAbsent((String) row[0], user -> new ArrayList<>())
                                .add(new ZoneHistory.Change(
                                        ((OffsetDateTime) row[1]).toInstant(), ZoneId.of((String) row[2])));
                    }
                    Map<String, ZoneHistory> zones = new HashMap<>();
                    userIds.forEach(user -> zones.put(user, new ZoneHistory(changes.getOrDefault(user, List.of()))));
                    return zones;
                });
    }

    /** Awards once per (user, source, rule): true when this call awarded it. */
    public Uni<Boolean> award(Award award) {
        return award(List.of(award)).map(awarded -> !awarded.isEmpty());
    }

    /**
     * Awards each once per (user, source, rule), in order, for users this transaction has locked: answers the awards
     * this call made. Each user's total grows by theirs, their level follows, and each award is an event carrying the
     * total and level it left.
     */
    public Uni<List<Award>> award(List<Award> awards) {
        List<Award> paying = awards.stream().filter(award -> award.amount() > 0).toList();
        if (paying.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>(paying.size());
        for (Award award : paying) {
            Map<String, Object> row = new HashMap<>();
            row.put("position", rows.size());
            row.put("userId", award.userId());
            row.put("amount", award.amount());
            row.put("reason", award.rule().reason());
            row.put("source", award.source());
            row.put("referenceId", award.referenceId());
            row.put("localDay", award.localDay());
            row.put("at", award.at());
            rows.add(row);
        }
        return session()
                .chain(session -> session.createNativeQuery(INSERT_AWARDS, Object[].class)
                        .setParameter(1, EventJson.writeString(rows))
                        .getResultList()
                        .map(inserted -> {
                            Set<List<Object>> keys =
                                    inserted.stream().map(List::of).collect(Collectors.toSet());
                            // the first of repeated keys is the one the statement inserted
                            return paying.stream()
                                    .filter(award -> keys.remove(List.of(
                                            award.userId(),
                                            award.source(),
                                            award.rule().reason())))
                                    .toList();
                        })
                        .chain(awarded -> credit(session, awarded).replaceWith(awarded)));
    }

    private Uni<Void> credit(Mutiny.Session session, List<Award> awarded) {
        if (awarded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<Award>> byUser =
                awarded.stream().collect(Collectors.groupingBy(Award::userId, LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> credits = byUser.values().stream()
                .map(theirs -> Map.<String, Object>of(
                        "userId", theirs.get(0).userId(),
                        "amount", theirs.stream().mapToLong(Award::amount).sum(),
                        "at", theirs.get(theirs.size() - 1).at()))
                .toList();
        return session.createNativeQuery(ADD_XP, Object[].class)
                .setParameter(1, EventJson.writeString(credits))
                .getResultList()
                .chain(totals -> {
                    List<Map<String, Object>> levels = new ArrayList<>();
                    List<Grant> badges = new ArrayList<>();
                    List<XpAwardedV1> events = new ArrayList<>();
                    for (Object[] row : totals) {
                        List<Award> theirs = byUser.get((String) row[0]);
                        long total = ((Number) row[1]).longValue()
                                - theirs.stream().mapToLong(Award::amount).sum();
                        int before = ((Number) row[2]).intValue();
                        int level = before;
                        for (Award award : theirs) {
                            total += award.amount();
                            if (Levels.level(total) != level) {
                                level = Levels.level(total);
                                for (Badge badge : Badge.forLevel(level)) {
                                    badges.add(new Grant(award.userId(), badge, award.source(), award.at()));
                                }
                            }
                            events.add(new XpAwardedV1(
                                    award.userId(),
                                    award.amount(),
                                    award.rule().reason(),
                                    total,
                                    level,
                                    award.source(),
                                    award.referenceId(),
                                    award.at()));
                        }
                        if (level != before) {
                            levels.add(Map.of("userId", row[0], "level", level));
                        }
                    }
                    Uni<Void> levelled = levels.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : session.createNativeQuery(SET_LEVELS)
                                    .setParameter(1, EventJson.writeString(levels))
                                    .executeUpdate()
                                    .replaceWithVoid();
                    return levelled.chain(() -> grant(badges))
                            .chain(() -> outbox.addAll(EventCatalog.XP_AWARDED, XpAwardedV1::userId, events))
                            .replaceWithVoid();
                });
    }

    /** Grants a badge once; true when this call granted it. */
    public Uni<Boolean> badge(String userId, Badge badge, String source, Instant at) {
        return grant(List.of(new Grant(userId, badge, source, at))).map(granted -> !granted.isEmpty());
    }

    /** Grants each badge once per user, in order: answers the grants this call made. */
    public Uni<List<Grant>> grant(List<Grant> grants) {
        if (grants.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>(grants.size());
        for (Grant grant : grants) {
            rows.add(Map.of(
                    "position", rows.size(),
                    "userId", grant.userId(),
                    "badgeId", grant.badge().id(),
                    "at", grant.at(),
                    "source", grant.source()));
        }
        return session()
                .chain(session -> session.createNativeQuery(GRANT, Object[].class)
                        .setParameter(1, EventJson.writeString(rows))
                        .getResultList())
                .map(inserted -> {
                    Set<List<Object>> keys = inserted.stream().map(List::of).collect(Collectors.toSet());
                    return grants.stream()
                            .filter(grant -> keys.remove(
                                    List.of(grant.userId(), grant.badge().id())))
                            .toList();
                });
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
                .chain(() -> grant(Badge.forStreak(longest).stream()
                        .map(badge -> new Grant(userId, badge, "streak", at))
                        .toList()))
                .replaceWithVoid();
    }

    /** Streak awards are numbered: the k-th is the source {@code streak_7_days:k}, so each is paid once. */
    private Uni<Void> topUp(String userId, XpRule rule, int earned, LocalDate day, Instant at) {
        return session()
                .chain(session -> session.createNativeQuery(
                                "SELECT count(*) FROM xp_transactions WHERE user_id = ?1 AND reason = ?2", Long.class)
                        .setParameter(1, userId)
                        .setParameter(2, rule.reason())
                        .getSingleResult())
                .chain(paid -> award(IntStream.rangeClosed(paid.intValue() + 1, earned)
                        .mapToObj(k -> new Award(userId, rule, rule.xp(), rule.reason() + ":" + k, null, day, at))
                        .toList()))
                .replaceWithVoid();
    }

    /** Play XP already earned on each of the users' local days (the daily cap's count). */
    public Uni<Map<UserDay, Integer>> playXpOn(Collection<UserDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session()
                .chain(session -> session.createNativeQuery(PLAY_XP, Object[].class)
                        .setParameter(1, EventJson.writeString(days))
                        .setParameter(2, XpRule.MASHUP_PLAYED.reason())
                        .getResultList())
                .map(rows -> {
                    Map<UserDay, Integer> earned = new HashMap<>();
                    for (Object[] row : rows) {
                        earned.put(
                                new UserDay((String) row[0], LocalDate.parse((String) row[1])),
                                ((Number) row[2]).intValue());
                    }
                    return earned;
                });
    }

    /** Adds to users' figures of local weeks; at most one entry per user and week. */
    public Uni<Void> weekly(List<Week> weeks) {
        List<Week> changing = weeks.stream()
                .filter(week -> week.mashups() != 0 || week.plays() != 0 || week.likes() != 0)
                .toList();
        if (changing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session()
                .chain(session -> session.createNativeQuery(WEEKLY)
                        .setParameter(1, EventJson.writeString(changing))
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
