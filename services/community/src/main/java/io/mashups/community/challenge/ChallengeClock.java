package io.mashups.community.challenge;

import io.mashups.community.CommunityConfig;
import io.mashups.events.EventCatalog;
import io.mashups.events.community.ChallengeOpenedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs challenges by themselves: each tick opens the rota's daily challenge (from local midnight of the configured
 * zone) and weekly one (from Monday) when they are missing (replicas agree through a unique index: one per type and
 * start), then moves every challenge due to its status, claiming it (a row lock) so each transition and the final
 * ranking happen once however many replicas tick, at most one period after their time.
 */
@ApplicationScoped
public class ChallengeClock {
    private static final Logger LOG = Logger.getLogger(ChallengeClock.class);
    private static final String ROTA = """
            INSERT INTO challenges (id, title, description, theme, type, starts_at, ends_at, freezes_at, early_until,
                status, reward_credits, from_rota, created_by, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'upcoming', ?10, true, 'rota', ?11, ?11)
            ON CONFLICT (type, starts_at) WHERE from_rota DO NOTHING""";
    private static final String DUE = "SELECT id FROM challenges WHERE (status = 'upcoming' AND starts_at <= ?1) "
            + "OR (status = 'active' AND ends_at <= ?1) ORDER BY ends_at, id LIMIT 100";

    private final Clock clock;
    private final CommunityConfig.Challenges config;
    private final ChallengeCompletion completion;
    private final ChallengeBoards boards;
    private final Outbox outbox;

    public ChallengeClock(
            Clock clock,
            CommunityConfig config,
            ChallengeCompletion completion,
            ChallengeBoards boards,
            Outbox outbox) {
        this.clock = clock;
        this.boards = boards;
        this.config = config.challenges();
        this.completion = completion;
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${mashups.community.challenges.clock-period}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> tick() {
        Instant now = clock.instant();
        return openRota(now)
                .chain(() -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(DUE, String.class)
                                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                                .getResultList())))
                .chain(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(id -> advance(id, now))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /** Today's daily and this week's weekly challenge, unless they exist (or the rota is off). */
    private Uni<Void> openRota(Instant now) {
        if (!config.rota()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        LocalDate monday = ThemeRota.monday(today);
        return Panache.withTransaction(() -> rota(
                        ChallengeType.DAILY,
                        ThemeRota.daily(today),
                        ThemeRota.day(today, config.zone()),
                        config.dailyReward(),
                        now)
                .chain(() -> rota(
                        ChallengeType.WEEKLY,
                        ThemeRota.weekly(monday),
                        ThemeRota.week(monday, config.zone()),
                        config.weeklyReward(),
                        now)));
    }

    private Uni<Void> rota(
            ChallengeType type, ThemeRota.Theme theme, ThemeRota.Window window, int reward, Instant now) {
        ChallengeTimes times = ChallengeTimes.of(window.startsAt(), window.endsAt(), null, null, config);
        String title = (type == ChallengeType.DAILY ? "Daily: " : "Weekly: ") + theme.title();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ROTA)
                        .setParameter(1, UUID.randomUUID().toString())
                        .setParameter(2, title)
                        .setParameter(3, theme.description())
                        .setParameter(4, theme.theme())
                        .setParameter(5, type.wire())
                        .setParameter(6, utc(times.startsAt()))
                        .setParameter(7, utc(times.endsAt()))
                        .setParameter(8, utc(times.freezesAt()))
                        .setParameter(9, utc(times.earlyUntil()))
                        .setParameter(10, reward)
                        .setParameter(11, utc(now))
                        .executeUpdate())
                .invoke(created -> {
                    if (created > 0) {
                        LOG.infof("the rota opened %s", title);
                    }
                })
                .replaceWithVoid();
    }

    /** One challenge, in a transaction of its own; a replica that waited for another finds it moved already. */
    private Uni<Void> advance(String id, Instant now) {
        return Panache.withTransaction(() -> Challenge.<Challenge>findById(
                                id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .chain(challenge -> {
                            ChallengeStatus due = challenge.statusAt(now);
                            if (due == challenge.status) {
                                return Uni.createFrom().voidItem();
                            }
                            ChallengeStatus from = challenge.status;
                            challenge.status = due;
                            challenge.updatedAt = utc(now);
                            LOG.infof("challenge %s is %s", challenge.id, due.wire());
                            Uni<Void> opened = from == ChallengeStatus.UPCOMING
                                    ? outbox.add(
                                                    EventCatalog.CHALLENGE_OPENED,
                                                    challenge.id,
                                                    new ChallengeOpenedV1(
                                                            challenge.id,
                                                            challenge.title,
                                                            challenge.startsAt.toInstant(),
                                                            challenge.endsAt.toInstant()))
                                            .replaceWithVoid()
                                    : Uni.createFrom().voidItem();
                            return due == ChallengeStatus.COMPLETED
                                    ? opened.chain(() -> completion.complete(challenge, now))
                                    : opened;
                        }))
                .invoke(() -> boards.forget(id));
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
