package io.mashups.community.challenge;

import io.mashups.community.CommunityConfig;
import io.mashups.community.battle.EntryRequest;
import io.mashups.community.gamification.Badge;
import io.mashups.community.gamification.Gamification;
import io.mashups.community.mashup.EnterableMashups;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.Caller;
import io.mashups.community.profile.ProfileService;
import io.mashups.community.profile.PublicUser;
import io.mashups.events.EventJson;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.web.PageQuery;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Challenges and their entries. Everyone signed in reads challenges and boards and submits one of their mashups (one
 * entry per challenge, changeable until the end: a new mashup starts its counts and its place in ties again); admins
 * create, edit and cancel. The board everyone sees is live until the freeze, then frozen, then final.
 */
@ApplicationScoped
public class ChallengeService {
    private static final String SUBMIT = """
            INSERT INTO challenge_entries (id, challenge_id, user_id, mashup_id, submitted_at, early)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (challenge_id, user_id) DO UPDATE SET mashup_id = excluded.mashup_id,
                submitted_at = excluded.submitted_at, early = excluded.early, plays = 0, likes = 0, shares = 0,
                comments = 0, frozen_plays = 0, frozen_likes = 0, frozen_shares = 0, frozen_comments = 0,
                revision = challenge_entries.revision + 1
            WHERE challenge_entries.mashup_id <> excluded.mashup_id
            RETURNING (xmax = 0)""";

    private final ProfileService profiles;
    private final ChallengeBoards boards;
    private final Gamification gamification;
    private final CommunityConfig.Challenges config;
    private final Clock clock;

    public ChallengeService(
            ProfileService profiles,
            ChallengeBoards boards,
            Gamification gamification,
            CommunityConfig config,
            Clock clock) {
        this.profiles = profiles;
        this.boards = boards;
        this.gamification = gamification;
        this.config = config.challenges();
        this.clock = clock;
    }

    /** What a submission did: created the entry (201), changed its mashup, or found it as it was. */
    public record Submitted(ChallengeEntryView entry, boolean created) {}

    // ---- reading ----

    public Uni<CurrentChallenges> current(Caller caller) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> Challenge.<Challenge>list(
                        "status = ?1 and startsAt <= ?2 and endsAt > ?2",
                        Sort.by("endsAt").and("id"),
                        ChallengeStatus.ACTIVE,
                        utc(now)))
                .chain(open -> views(caller, open, now))
                .map(views -> new CurrentChallenges(
                        views, latest(views, ChallengeType.DAILY), latest(views, ChallengeType.WEEKLY))));
    }

    private static ChallengeView latest(List<ChallengeView> views, ChallengeType type) {
        return views.stream()
                .filter(view -> view.type().equals(type.wire()))
                .max(Comparator.comparing(ChallengeView::startsAt))
                .orElse(null);
    }

    public Uni<ChallengeList> list(Caller caller, ChallengeStatus status, ChallengeType type, PageQuery paging) {
        Instant now = clock.instant();
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.put("type", type);
        }
        return Panache.withTransaction(() -> profiles.remember(caller, now).chain(() -> {
            var found = Challenge.<Challenge>find(
                            query.toString(), Sort.descending("startsAt").and("id"), params)
                    .page(Page.of(paging.index(), paging.size));
            return found.list()
                    .chain(page -> views(caller, page, now))
                    .chain(views ->
                            found.count().map(total -> new ChallengeList(views, paging.page, paging.size, total)));
        }));
    }

    public Uni<ChallengeView> get(Caller caller, String id) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> challenge(id, LockModeType.NONE))
                .chain(challenge -> views(caller, List.of(challenge), now))
                .map(views -> views.get(0)));
    }

    /** The board everyone sees now: live, frozen from the freeze, final once ranked. */
    public Uni<ChallengeBoard> leaderboard(Caller caller, String id, PageQuery paging) {
        Instant now = clock.instant();
        return profiles.rememberRecent(caller, now).chain(() -> boards.page(id, now, paging));
    }

    /** Entries, the latest submission first, each with its score and rank on the board everyone sees. */
    public Uni<ChallengeEntries> entries(Caller caller, String id, PageQuery paging) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> challenge(id, LockModeType.NONE))
                .chain(challenge -> {
                    Board board = Board.of(challenge, now);
                    var found = ChallengeEntry.<ChallengeEntry>find(
                                    "challengeId",
                                    Sort.descending("submittedAt").and("id"),
                                    challenge.id)
                            .page(Page.of(paging.index(), paging.size));
                    return found.list()
                            .chain(page ->
                                    ranks(challenge.id, board, page).chain(ranks -> entryViews(page, ranks, board)))
                            .chain(views -> found.count()
                                    .map(total -> new ChallengeEntries(views, paging.page, paging.size, total)));
                }));
    }

    // ---- submitting ----

    public Uni<Submitted> submit(Caller caller, String id, EntryRequest request) {
        String mashupId = request.mashupId().strip();
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                        .chain(() -> challenge(id, LockModeType.PESSIMISTIC_READ))
                        .chain(challenge -> {
                            if (challenge.statusAt(now) != ChallengeStatus.ACTIVE) {
                                throw closed(challenge);
                            }
                            return EnterableMashups.ofCaller(caller, mashupId).chain(mashup -> {
                                List<String> pack = stemPack(challenge);
                                if (!pack.isEmpty()
                                        && mashup.sourceUploadIds().stream().noneMatch(pack::contains)) {
                                    throw new ProblemException(Problem.of(
                                                    422,
                                                    "stem-pack",
                                                    "Not from the stem pack",
                                                    "this challenge takes mashups that use a stem of its pack")
                                            .with("stemPack", pack));
                                }
                                return Panache.getSession()
                                        .chain(session -> session.createNativeQuery(SUBMIT, Boolean.class)
                                                .setParameter(
                                                        1, UUID.randomUUID().toString())
                                                .setParameter(2, challenge.id)
                                                .setParameter(3, caller.id())
                                                .setParameter(4, mashupId)
                                                .setParameter(5, utc(now))
                                                .setParameter(6, now.isBefore(challenge.earlyUntil.toInstant()))
                                                .getResultList())
                                        .call(written -> written.isEmpty()
                                                ? Uni.createFrom().voidItem()
                                                : gamification.creativeAction(caller.id(), now))
                                        .chain(written -> ChallengeEntry.<ChallengeEntry>find(
                                                        "challengeId = ?1 and userId = ?2", challenge.id, caller.id())
                                                .singleResult()
                                                .chain(entry -> {
                                                    Board board = Board.of(challenge, now);
                                                    return ranks(challenge.id, board, List.of(entry))
                                                            .chain(ranks -> entryViews(List.of(entry), ranks, board));
                                                })
                                                .map(views -> new Submitted(
                                                        views.get(0), !written.isEmpty() && written.get(0))));
                            });
                        }))
                .invoke(() -> boards.forget(id));
    }

    // ---- admins ----

    public Uni<ChallengeView> create(Caller caller, ChallengeDraft draft) {
        requireAdmin(caller);
        Instant now = clock.instant();
        if (!draft.startsAt().isBefore(draft.endsAt())) {
            throw ProblemException.invalid(Map.of("endsAt", "must be after startsAt"));
        }
        if (!draft.endsAt().isAfter(now)) {
            throw ProblemException.invalid(Map.of("endsAt", "must be in the future"));
        }
        ChallengeTimes times =
                ChallengeTimes.of(draft.startsAt(), draft.endsAt(), draft.freezesAt(), draft.earlyUntil(), config);
        if (times.freezesAt().isAfter(times.endsAt())
                || times.earlyUntil().isAfter(times.endsAt())
                || times.earlyUntil().isBefore(times.startsAt())) {
            throw ProblemException.invalid(
                    Map.of("freezesAt", "the freeze and the early bonus's end lie between startsAt and endsAt"));
        }
        requireBadge(draft.rewardBadgeId());
        Challenge challenge = new Challenge();
        challenge.id = UUID.randomUUID().toString();
        challenge.title = draft.title().strip();
        challenge.description = draft.description();
        challenge.theme = draft.theme();
        challenge.type = draft.type() == null ? ChallengeType.SPECIAL : ChallengeType.of(draft.type());
        challenge.stemPack = draft.stemPack() == null || draft.stemPack().isEmpty()
                ? null
                : new String(
                        EventJson.write(List.copyOf(new java.util.LinkedHashSet<>(draft.stemPack()))),
                        java.nio.charset.StandardCharsets.UTF_8);
        challenge.startsAt = utc(times.startsAt());
        challenge.endsAt = utc(times.endsAt());
        challenge.freezesAt = utc(times.freezesAt());
        challenge.earlyUntil = utc(times.earlyUntil());
        challenge.status = ChallengeStatus.UPCOMING;
        challenge.rewardCredits = draft.rewardCredits() == null ? 0 : draft.rewardCredits();
        challenge.rewardBadge = draft.rewardBadgeId();
        challenge.createdBy = caller.id();
        challenge.createdAt = utc(now);
        challenge.updatedAt = challenge.createdAt;
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> challenge.<Challenge>persist())
                .chain(saved -> views(caller, List.of(saved), now))
                .map(views -> views.get(0)));
    }

    public Uni<ChallengeView> update(Caller caller, String id, ChallengePatch patch) {
        requireAdmin(caller);
        requireBadge(patch.rewardBadgeId());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                .chain(() -> challenge(id, LockModeType.PESSIMISTIC_WRITE))
                .chain(challenge -> {
                    if (challenge.status == ChallengeStatus.COMPLETED
                            || challenge.status == ChallengeStatus.CANCELLED) {
                        throw ProblemException.conflict("challenge " + id + " is " + challenge.status.wire());
                    }
                    if (patch.title() != null) {
                        challenge.title = patch.title().strip();
                    }
                    if (patch.description() != null) {
                        challenge.description = patch.description();
                    }
                    if (patch.theme() != null) {
                        challenge.theme = patch.theme();
                    }
                    if (patch.rewardCredits() != null) {
                        challenge.rewardCredits = patch.rewardCredits();
                    }
                    if (patch.rewardBadgeId() != null) {
                        challenge.rewardBadge = patch.rewardBadgeId();
                    }
                    challenge.updatedAt = utc(now);
                    return views(caller, List.of(challenge), now).map(views -> views.get(0));
                }));
    }

    public Uni<ChallengeView> cancel(Caller caller, String id) {
        requireAdmin(caller);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> profiles.remember(caller, now)
                        .chain(() -> challenge(id, LockModeType.PESSIMISTIC_WRITE))
                        .chain(challenge -> {
                            if (challenge.status == ChallengeStatus.COMPLETED) {
                                throw ProblemException.conflict("challenge " + id + " is ranked already");
                            }
                            challenge.status = ChallengeStatus.CANCELLED;
                            challenge.updatedAt = utc(now);
                            return views(caller, List.of(challenge), now).map(views -> views.get(0));
                        }))
                .invoke(() -> boards.forget(id));
    }

    // ---- views ----

    private static Uni<Map<String, Long>> ranks(String challengeId, Board board, Collection<ChallengeEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT id, rank FROM (SELECT id, row_number() OVER (ORDER BY " + board.order()
                                        + ") AS rank FROM challenge_entries WHERE challenge_id = ?1) ranked "
                                        + "WHERE id IN (?2)",
                                Object[].class)
                        .setParameter(1, challengeId)
                        .setParameter(2, entries.stream().map(e -> e.id).toList())
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(Collectors.toMap(row -> (String) row[0], row -> ((Number) row[1]).longValue())));
    }

    private Uni<List<ChallengeEntryView>> entryViews(
            List<ChallengeEntry> entries, Map<String, Long> ranks, Board board) {
        return profiles.publicUsers(entries.stream().map(e -> e.userId).toList())
                .chain(users -> EnterableMashups.byId(
                                entries.stream().map(e -> e.mashupId).toList())
                        .map(mashups -> entries.stream()
                                .map(entry -> entryView(entry, ranks.getOrDefault(entry.id, 0L), board, users, mashups))
                                .toList()));
    }

    private static ChallengeEntryView entryView(
            ChallengeEntry entry,
            long rank,
            Board board,
            Map<String, PublicUser> users,
            Map<String, KnownMashup> mashups) {
        boolean frozen = board.frozen();
        KnownMashup mashup = mashups.get(entry.mashupId);
        return new ChallengeEntryView(
                entry.id,
                entry.challengeId,
                users.get(entry.userId),
                mashup == null ? new MashupRef(entry.mashupId, null, 0) : MashupRef.of(mashup),
                frozen ? entry.frozenScore : entry.score,
                rank,
                entry.submittedAt.toInstant(),
                entry.early,
                new ChallengeEntryView.Breakdown(
                        frozen ? entry.frozenPlays : entry.plays,
                        frozen ? entry.frozenLikes : entry.likes,
                        frozen ? entry.frozenShares : entry.shares,
                        frozen ? entry.frozenComments : entry.comments,
                        entry.early ? 50 : 0));
    }

    private Uni<List<ChallengeView>> views(Caller caller, List<Challenge> challenges, Instant now) {
        if (challenges.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = challenges.stream().map(c -> c.id).toList();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT challenge_id, count(*) FROM challenge_entries WHERE challenge_id IN (?1) "
                                        + "GROUP BY challenge_id",
                                Object[].class)
                        .setParameter(1, ids)
                        .getResultList())
                .chain(counts -> ChallengeEntry.<ChallengeEntry>list(
                                "challengeId in ?1 and userId = ?2", ids, caller.id())
                        .chain(own -> {
                            Map<String, Long> entryCounts = counts.stream()
                                    .collect(Collectors.toMap(
                                            row -> (String) row[0], row -> ((Number) row[1]).longValue()));
                            Map<String, Challenge> byId =
                                    challenges.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
                            List<Uni<ChallengeEntryView>> yours = new ArrayList<>();
                            for (ChallengeEntry entry : own) {
                                Board board = Board.of(byId.get(entry.challengeId), now);
                                yours.add(ranks(entry.challengeId, board, List.of(entry))
                                        .chain(ranks -> entryViews(List.of(entry), ranks, board))
                                        .map(views -> views.get(0)));
                            }
                            // one after another: a reactive session runs one query at a time
                            Uni<List<ChallengeEntryView>> ownViews = io.smallrye.mutiny.Multi.createFrom()
                                    .iterable(yours)
                                    .onItem()
                                    .transformToUniAndConcatenate(Function.identity())
                                    .collect()
                                    .asList();
                            return ownViews.map(views -> {
                                Map<String, ChallengeEntryView> mine = views.stream()
                                        .collect(
                                                Collectors.toMap(ChallengeEntryView::challengeId, Function.identity()));
                                return challenges.stream()
                                        .map(c -> view(c, entryCounts.getOrDefault(c.id, 0L), mine.get(c.id), now))
                                        .toList();
                            });
                        }));
    }

    private ChallengeView view(Challenge challenge, long entryCount, ChallengeEntryView yours, Instant now) {
        List<String> pack = stemPack(challenge);
        return new ChallengeView(
                challenge.id,
                challenge.title,
                challenge.description,
                challenge.theme,
                challenge.type.wire(),
                pack.isEmpty() ? null : challenge.id,
                pack,
                LocalDate.ofInstant(challenge.startsAt.toInstant(), config.zone()),
                LocalDate.ofInstant(challenge.endsAt.toInstant().minusNanos(1), config.zone()),
                challenge.status.wire(),
                challenge.rewardCredits,
                challenge.rewardBadge,
                challenge.startsAt.toInstant(),
                challenge.endsAt.toInstant(),
                challenge.freezesAt.toInstant(),
                challenge.earlyUntil.toInstant(),
                challenge.frozenAt(now),
                entryCount,
                yours);
    }

    // ---- rules ----

    private static Uni<Challenge> challenge(String id, LockModeType lock) {
        return Challenge.<Challenge>findById(id, lock).invoke(challenge -> {
            if (challenge == null) {
                throw ProblemException.notFound("challenge", id);
            }
        });
    }

    private static List<String> stemPack(Challenge challenge) {
        if (challenge.stemPack == null) {
            return List.of();
        }
        return List.of(EventJson.read(challenge.stemPack.getBytes(StandardCharsets.UTF_8), String[].class));
    }

    private static ProblemException closed(Challenge challenge) {
        return new ProblemException(Problem.of(
                        409,
                        "closed",
                        "Not open",
                        "challenge " + challenge.id + " takes submissions from " + challenge.startsAt + " until "
                                + challenge.endsAt
                                + (challenge.status == ChallengeStatus.CANCELLED ? "; it was cancelled" : ""))
                .with("opensAt", challenge.startsAt.toString())
                .with("closesAt", challenge.endsAt.toString()));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ProblemException.forbidden("only admins run challenges");
        }
    }

    private static void requireBadge(String badgeId) {
        if (badgeId != null && Badge.byId(badgeId).isEmpty()) {
            throw ProblemException.invalid(Map.of("rewardBadgeId", badgeId + " is not a badge of the catalogue"));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
