package io.mashups.community.battle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.community.CommunityConfig;
import io.mashups.community.bracket.BracketPlan;
import io.mashups.community.mashup.EnterableMashups;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.Caller;
import io.mashups.community.profile.ProfileService;
import io.mashups.community.profile.PublicUser;
import io.mashups.json.Json;
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
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Battles, entries and votes. Everyone signed in may read battles and enter or vote within the rules; admins create,
 * change and cancel them. While voting is blind nothing here reveals a count or a rank, not even the order of entries.
 */
@ApplicationScoped
public class BattleService {
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
    private static final TypeReference<List<Integer>> CREDITS = new TypeReference<>() {};

    private final ProfileService profiles;
    private final CommunityConfig config;
    private final Clock clock;
    private final VoteGuard guard;
    private final Brackets brackets;

    public BattleService(
            ProfileService profiles, CommunityConfig config, Clock clock, VoteGuard guard, Brackets brackets) {
        this.brackets = brackets;
        this.profiles = profiles;
        this.config = config;
        this.clock = clock;
        this.guard = guard;
    }

    // ---- admins ----

    public Uni<BattleDetail> create(Caller caller, BattleDraft draft) {
        requireAdmin(caller);
        BattleFormat format = draft.format() == null ? BattleFormat.OPEN : BattleFormat.of(draft.format());
        requireOrder(draft.startsAt(), draft.entriesEndAt(), draft.votingEndAt());
        List<String> judges = draft.judges() == null
                ? List.of()
                : draft.judges().stream().map(String::strip).distinct().toList();
        double judgesWeight = draft.judgesWeight() != null ? draft.judgesWeight() : judges.isEmpty() ? 0 : 0.5;
        double communityWeight = draft.communityWeight() != null ? draft.communityWeight() : judges.isEmpty() ? 1 : 0.5;
        if (communityWeight + judgesWeight <= 0) {
            throw ProblemException.invalid(Map.of("communityWeight", "the weights must not both be zero"));
        }
        if (judgesWeight > 0 && judges.isEmpty()) {
            throw ProblemException.invalid(Map.of("judges", "a judges' weight needs judges"));
        }
        Battle battle = new Battle();
        battle.id = UUID.randomUUID().toString();
        battle.title = draft.title().strip();
        battle.description = draft.description();
        battle.theme = draft.theme();
        battle.format = format;
        battle.voting = draft.voting() == null ? VotingMode.BLIND : VotingMode.of(draft.voting());
        battle.startsAt = utc(draft.startsAt());
        battle.entriesEndAt = utc(draft.entriesEndAt());
        battle.votingEndAt = utc(draft.votingEndAt());
        battle.status = battle.statusAt(now());
        battle.communityWeight = communityWeight;
        battle.judgesWeight = judgesWeight;
        battle.criteria = write(
                draft.criteria() == null
                        ? List.of("overall")
                        : draft.criteria().stream().map(String::strip).toList());
        battle.prizes = write(draft.prizes() == null ? List.of() : draft.prizes());
        battle.createdBy = caller.id();
        battle.createdAt = OffsetDateTime.now(clock);
        battle.updatedAt = battle.createdAt;
        return Panache.withTransaction(() -> profiles.remember(caller)
                        .chain(() -> battle.persist())
                        .call(() -> Panache.flush())
                        .chain(() -> addJudges(battle.id, judges)))
                .chain(() -> detail(caller, battle.id));
    }

    public Uni<BattleDetail> update(Caller caller, String battleId, BattlePatch patch) {
        requireAdmin(caller);
        return Panache.withTransaction(() -> profiles.remember(caller)
                        .chain(() -> battle(battleId, LockModeType.PESSIMISTIC_WRITE))
                        .invoke(battle -> {
                            if (battle.status == BattleStatus.COMPLETED || battle.status == BattleStatus.CANCELLED) {
                                throw ProblemException.conflict("battle " + battleId + " is " + battle.status.wire());
                            }
                            boolean timesChange = patch.startsAt() != null
                                    || patch.entriesEndAt() != null
                                    || patch.votingEndAt() != null;
                            if (timesChange && battle.statusAt(now()) != BattleStatus.UPCOMING) {
                                throw ProblemException.conflict("a battle's times change only before it starts");
                            }
                            Instant startsAt =
                                    patch.startsAt() != null ? patch.startsAt() : battle.startsAt.toInstant();
                            Instant entriesEndAt = patch.entriesEndAt() != null
                                    ? patch.entriesEndAt()
                                    : battle.entriesEndAt.toInstant();
                            Instant votingEndAt =
                                    patch.votingEndAt() != null ? patch.votingEndAt() : battle.votingEndAt.toInstant();
                            requireOrder(startsAt, entriesEndAt, votingEndAt);
                            battle.startsAt = utc(startsAt);
                            battle.entriesEndAt = utc(entriesEndAt);
                            battle.votingEndAt = utc(votingEndAt);
                            if (patch.title() != null) {
                                battle.title = patch.title().strip();
                            }
                            if (patch.description() != null) {
                                battle.description = patch.description();
                            }
                            if (patch.theme() != null) {
                                battle.theme = patch.theme();
                            }
                            if (patch.prizes() != null) {
                                battle.prizes = write(patch.prizes());
                            }
                            battle.updatedAt = OffsetDateTime.now(clock);
                        }))
                .chain(() -> detail(caller, battleId));
    }

    public Uni<BattleDetail> cancel(Caller caller, String battleId) {
        requireAdmin(caller);
        return Panache.withTransaction(() -> profiles.remember(caller)
                        .chain(() -> battle(battleId, LockModeType.PESSIMISTIC_WRITE))
                        .invoke(battle -> {
                            if (battle.status == BattleStatus.COMPLETED) {
                                throw ProblemException.conflict("battle " + battleId + " is decided already");
                            }
                            battle.status = BattleStatus.CANCELLED;
                            battle.updatedAt = OffsetDateTime.now(clock);
                        }))
                .chain(() -> detail(caller, battleId));
    }

    /** The battle's votes held for review, the oldest first. */
    public Uni<HeldVote.Page> heldVotes(Caller caller, String battleId, PageQuery paging) {
        requireAdmin(caller);
        return Panache.withSession(() -> battle(battleId)
                .chain(battle -> Panache.getSession())
                .chain(session -> session.createNativeQuery(
                                "SELECT user_id, entry_id, cast_at, held_reason FROM battle_votes WHERE battle_id = ?1 "
                                        + "AND held ORDER BY cast_at, user_id, match_id LIMIT ?2 OFFSET ?3",
                                Object[].class)
                        .setParameter(1, battleId)
                        .setParameter(2, paging.size)
                        .setParameter(3, paging.index() * paging.size)
                        .getResultList())
                .chain(rows -> profiles.publicUsers(
                                rows.stream().map(row -> (String) row[0]).toList())
                        .map(users -> new HeldVote.Page(rows.stream()
                                .map(row -> new HeldVote(
                                        users.get((String) row[0]),
                                        (String) row[1],
                                        row[2] instanceof OffsetDateTime at
                                                ? at
                                                : OffsetDateTime.parse(row[2].toString()),
                                        (String) row[3]))
                                .toList()))));
    }

    /** Counts a held vote ({@code accept}) or removes it, while the battle is not decided. */
    public Uni<Void> review(Caller caller, String battleId, String userId, boolean accept) {
        requireAdmin(caller);
        return Panache.withTransaction(() -> battle(battleId, LockModeType.PESSIMISTIC_READ)
                .chain(battle -> {
                    if (battle.status == BattleStatus.COMPLETED || battle.status == BattleStatus.CANCELLED) {
                        throw ProblemException.conflict("battle " + battleId + " is " + battle.status.wire());
                    }
                    return Panache.getSession();
                })
                .chain(session -> session.createNativeQuery(
                                accept
                                        ? "UPDATE battle_votes SET held = false, held_reason = NULL WHERE battle_id = ?1 "
                                                + "AND user_id = ?2 AND held"
                                        : "DELETE FROM battle_votes WHERE battle_id = ?1 AND user_id = ?2 AND held")
                        .setParameter(1, battleId)
                        .setParameter(2, userId)
                        .executeUpdate())
                .map(changed -> {
                    if (changed == 0) {
                        throw ProblemException.notFound("held vote of", userId);
                    }
                    return null;
                }));
    }

    // ---- everyone ----

    /** Battles, the latest to start first, optionally of one status. */
    public Uni<Battles> list(Caller caller, BattleStatus status, PageQuery paging) {
        return Panache.withTransaction(() -> profiles.remember(caller)
                .chain(() -> (status == null
                                ? Battle.<Battle>findAll(Sort.descending("startsAt", "id"))
                                : Battle.<Battle>find("status", Sort.descending("startsAt", "id"), status))
                        .page(Page.of(paging.index(), paging.size))
                        .list())
                .chain(battles -> entryCounts(battles.stream().map(b -> b.id).toList())
                        .map(counts -> new Battles(battles.stream()
                                .map(b -> BattleSummary.of(b, counts.getOrDefault(b.id, 0L)))
                                .toList()))));
    }

    /**
     * A page of the battle's standing entries, ranked in the database: by place once decided, by counted votes while
     * open voting shows them, in entry order (no votes, no ranks) while blind.
     */
    public Uni<Leaderboard> leaderboard(Caller caller, String battleId, PageQuery paging) {
        return Panache.withTransaction(() -> profiles.remember(caller)
                .chain(() -> battle(battleId))
                .chain(battle -> {
                    boolean decided = battle.status == BattleStatus.COMPLETED;
                    boolean shown = battle.revealsResults();
                    String order = decided
                            ? "r.place, e.arrival"
                            : shown ? "coalesce(c.votes, 0) DESC, e.arrival" : "e.arrival";
                    return Panache.getSession()
                            .chain(session -> session.createNativeQuery(
                                            "SELECT e.id, e.user_id, e.mashup_id, e.submitted_at, e.arrival, "
                                                    + "coalesce(c.votes, 0), r.place, r.judges_score, r.score, r.prize "
                                                    + "FROM battle_entries e LEFT JOIN (SELECT entry_id, count(*) AS votes "
                                                    + "FROM battle_votes WHERE battle_id = ?1 AND NOT held GROUP BY entry_id) c "
                                                    + "ON c.entry_id = e.id LEFT JOIN battle_results r ON r.battle_id = e.battle_id "
                                                    + "AND r.entry_id = e.id WHERE e.battle_id = ?1 AND e.withdrawn_at IS NULL "
                                                    + "ORDER BY " + order + " LIMIT ?2 OFFSET ?3",
                                            Object[].class)
                                    .setParameter(1, battleId)
                                    .setParameter(2, paging.size)
                                    .setParameter(3, paging.index() * paging.size)
                                    .getResultList())
                            .chain(rows -> BattleEntry.count("battleId = ?1 and withdrawnAt is null", battleId)
                                    .chain(total -> page(rows, decided, shown, paging)
                                            .map(entries ->
                                                    new Leaderboard(entries, paging.page, paging.size, total))));
                }));
    }

    private Uni<List<EntryView>> page(List<Object[]> rows, boolean decided, boolean shown, PageQuery paging) {
        List<BattleEntry> entries = new ArrayList<>();
        Map<String, Standing> standings = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            BattleEntry entry = new BattleEntry();
            entry.id = (String) row[0];
            entry.userId = (String) row[1];
            entry.mashupId = (String) row[2];
            entry.submittedAt = row[3] instanceof OffsetDateTime at ? at : OffsetDateTime.parse(row[3].toString());
            entry.arrival = ((Number) row[4]).longValue();
            entries.add(entry);
            long votes = ((Number) row[5]).longValue();
            if (decided) {
                standings.put(
                        entry.id,
                        new Standing(
                                ((Number) row[6]).intValue(),
                                votes,
                                row[7] == null ? null : ((Number) row[7]).doubleValue(),
                                ((Number) row[8]).doubleValue(),
                                ((Number) row[9]).intValue()));
            } else if (shown) {
                standings.put(entry.id, new Standing(paging.index() * paging.size + i + 1, votes, null, null, null));
            }
        }
        return mashups(entries)
                .chain(mashups -> profiles.publicUsers(
                                entries.stream().map(e -> e.userId).toList())
                        .map(users -> entryViews(entries, standings, users, mashups)));
    }

    /** A bracket battle's bracket; 404 for an open battle, which has none. */
    public Uni<BracketView> bracket(Caller caller, String battleId) {
        return Panache.withTransaction(() -> profiles.remember(caller)
                .chain(() -> battle(battleId))
                .chain(battle -> {
                    if (!battle.isBracket()) {
                        throw new ProblemException(Problem.of(
                                404,
                                "no-bracket",
                                "No bracket",
                                "battle " + battleId + " is an open battle: it has no bracket"));
                    }
                    return brackets.played(battle)
                            .chain(played -> played == null
                                    ? Uni.createFrom()
                                            .item(new BracketView(
                                                    battle.id,
                                                    battle.format.wire(),
                                                    battle.bracketWindows != null,
                                                    battle.drawSeed,
                                                    List.of(),
                                                    null))
                                    : Brackets.matchVotes(battleId)
                                            .chain(votes -> mashups(played.seeded())
                                                    .chain(mashups -> profiles.publicUsers(played.seeded().stream()
                                                                    .map(e -> e.userId)
                                                                    .toList())
                                                            .map(users -> Brackets.view(
                                                                    battle, played, votes, users, mashups)))));
                }));
    }

    public Uni<BattleDetail> get(Caller caller, String battleId) {
        return Panache.withTransaction(() -> profiles.remember(caller)).chain(() -> detail(caller, battleId));
    }

    public Uni<EntryView> enter(Caller caller, String battleId, EntryRequest request) {
        String mashupId = request.mashupId().strip();
        java.util.concurrent.atomic.AtomicBoolean bracket = new java.util.concurrent.atomic.AtomicBoolean();
        return Panache.withTransaction(() -> profiles.remember(caller)
                        .chain(() -> battle(battleId, LockModeType.PESSIMISTIC_READ))
                        .chain(battle -> {
                            if (battle.statusAt(now()) != BattleStatus.ACTIVE) {
                                throw closed("entries", battle, battle.startsAt, battle.entriesEndAt);
                            }
                            bracket.set(battle.isBracket());
                            return EnterableMashups.ofCaller(caller, mashupId);
                        })
                        .chain(mashup -> {
                            return BattleEntry.<BattleEntry>list("battleId = ?1 and withdrawnAt is null", battleId)
                                    .chain(standing -> {
                                        if (standing.stream().anyMatch(e -> e.userId.equals(caller.id()))) {
                                            throw ProblemException.conflict("you have an entry in this battle already");
                                        }
                                        if (bracket.get() && standing.size() >= BracketPlan.MAX_ENTRANTS) {
                                            throw ProblemException.conflict("the bracket is full: it takes "
                                                    + BracketPlan.MAX_ENTRANTS + " entrants");
                                        }
                                        BattleEntry entry = new BattleEntry();
                                        entry.id = UUID.randomUUID().toString();
                                        entry.battleId = battleId;
                                        entry.userId = caller.id();
                                        entry.mashupId = mashupId;
                                        entry.submittedAt = OffsetDateTime.now(clock);
                                        return entry.<BattleEntry>persist()
                                                .call(() -> Panache.flush())
                                                .chain(saved -> profiles.publicUsers(List.of(caller.id()))
                                                        .map(users -> new EntryView(
                                                                saved.id,
                                                                users.get(caller.id()),
                                                                new MashupRef(
                                                                        mashup.id, mashup.title, mashup.durationSec),
                                                                null,
                                                                null,
                                                                saved.submittedAt,
                                                                null,
                                                                null,
                                                                null)));
                                    });
                        }))
                .onFailure(UniqueViolation::is)
                .transform(e -> ProblemException.conflict("you have an entry in this battle already"));
    }

    /**
     * Records the caller's vote (replacing an earlier one) while voting is open, within the rules: one call of the
     * database's {@code cast_vote}; a bracket's vote first finds the entry's match open now.
     */
    public Uni<VoteView> vote(Caller caller, String battleId, VoteRequest request, String clientAddress) {
        String address = VoteGuard.addressHash(clientAddress);
        String entryId = request.entryId().strip();
        Instant now = now();
        OffsetDateTime castAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return guard.cast(battleId, Tally.WHOLE_BATTLE, caller, entryId, now, address)
                .onFailure(VoteGuard.NeedsMatch.class)
                .recoverWithUni(() -> Panache.withSession(() ->
                                battle(battleId).chain(battle -> brackets.openMatch(battle, entryId, caller.id(), now)))
                        .chain(match -> guard.cast(battleId, match, caller, entryId, now, address)))
                .map(heldBecause -> new VoteView(battleId, entryId, castAt, heldBecause != null, heldBecause));
    }

    /** Records a judge's scores of an entry (replacing earlier ones) while voting is open. */
    public Uni<ScoreView> score(Caller caller, String battleId, String entryId, ScoreRequest request) {
        Instant now = now();
        OffsetDateTime scoredAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> profiles.remember(caller)
                .chain(() -> battle(battleId, LockModeType.PESSIMISTIC_READ))
                .chain(battle -> {
                    if (battle.statusAt(now) != BattleStatus.VOTING) {
                        throw closed("judging", battle, battle.entriesEndAt, battle.votingEndAt);
                    }
                    List<String> criteria = read(battle.criteria, NAMES);
                    Map<String, String> errors = new LinkedHashMap<>();
                    criteria.stream()
                            .filter(c -> !request.scores().containsKey(c))
                            .forEach(c -> errors.put("scores." + c, "score every criterion: " + criteria));
                    request.scores().keySet().stream()
                            .filter(c -> !criteria.contains(c))
                            .forEach(c -> errors.put("scores." + c, "not a criterion of this battle: " + criteria));
                    if (!errors.isEmpty()) {
                        throw ProblemException.invalid(errors);
                    }
                    return isJudge(battleId, caller.id());
                })
                .chain(judge -> {
                    if (!judge || !caller.judge()) {
                        throw ProblemException.forbidden(
                                "only the battle's judges, holding the judge role, score its entries");
                    }
                    return BattleEntry.<BattleEntry>findById(entryId);
                })
                .chain(entry -> {
                    if (entry == null || !entry.battleId.equals(battleId) || !entry.standing()) {
                        throw ProblemException.unprocessable(
                                "entry " + entryId + " is not a standing entry of battle " + battleId);
                    }
                    return Panache.getSession()
                            .chain(session -> session.createNativeQuery(
                                            "INSERT INTO judge_scores (battle_id, entry_id, "
                                                    + "judge_id, criterion, score, scored_at) SELECT ?1, ?2, ?3, c, s, ?6 FROM "
                                                    + "unnest(cast(?4 AS text[]), cast(?5 AS smallint[])) AS given(c, s) "
                                                    + "ON CONFLICT (entry_id, judge_id, criterion) DO UPDATE SET "
                                                    + "score = excluded.score, scored_at = excluded.scored_at")
                                    .setParameter(1, battleId)
                                    .setParameter(2, entryId)
                                    .setParameter(3, caller.id())
                                    .setParameter(4, request.scores().keySet().toArray(String[]::new))
                                    .setParameter(
                                            5,
                                            request.scores().values().stream()
                                                    .map(Integer::shortValue)
                                                    .toArray(Short[]::new))
                                    .setParameter(6, scoredAt)
                                    .executeUpdate());
                })
                .map(done -> new ScoreView(entryId, request.scores(), scoredAt)));
    }

    // ---- reading ----

    private Uni<BattleDetail> detail(Caller caller, String battleId) {
        return Panache.withSession(() -> battle(battleId)
                .chain(battle -> BattleEntry.<BattleEntry>list(
                                "battleId = ?1 and withdrawnAt is null", Sort.ascending("arrival"), battleId)
                        .chain(entries -> Tally.judges(battleId)
                                .chain(judges -> heldVotes(battle).map(held -> view(battle, judges, held)))
                                .chain(view -> standings(battle, entries)
                                        .chain(standings -> userVote(battleId, caller.id())
                                                .chain(userVote -> mashups(entries)
                                                        .chain(mashups -> profiles.publicUsers(entries.stream()
                                                                        .map(e -> e.userId)
                                                                        .toList())
                                                                .map(users -> new BattleDetail(
                                                                        view,
                                                                        entryViews(entries, standings, users, mashups),
                                                                        userVote)))))))));
    }

    /** How an entry stands, as far as the battle may show: place, votes, and once decided the scores and prize. */
    private record Standing(int place, long votes, Double judgesScore, Double score, Integer prize) {}

    /**
     * The decided results; or, in open voting, the live votes (most first, ties to the earlier entry); or nothing
     * while voting is blind.
     */
    private static Uni<Map<String, Standing>> standings(Battle battle, List<BattleEntry> entries) {
        if (battle.status == BattleStatus.COMPLETED) {
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "SELECT entry_id, place, votes, judges_score, score, prize FROM battle_results "
                                            + "WHERE battle_id = ?1",
                                    Object[].class)
                            .setParameter(1, battle.id)
                            .getResultList())
                    .map(rows -> rows.stream()
                            .collect(Collectors.toMap(
                                    row -> (String) row[0],
                                    row -> new Standing(
                                            ((Number) row[1]).intValue(),
                                            ((Number) row[2]).longValue(),
                                            row[3] == null ? null : ((Number) row[3]).doubleValue(),
                                            ((Number) row[4]).doubleValue(),
                                            ((Number) row[5]).intValue()))));
        }
        if (!battle.revealsResults()) {
            return Uni.createFrom().item(Map.of());
        }
        return Tally.votes(battle.id).map(votes -> {
            List<BattleEntry> ranked = new ArrayList<>(entries);
            ranked.sort(Comparator.<BattleEntry>comparingLong(e -> -votes.getOrDefault(e.id, 0L))
                    .thenComparing(e -> e.arrival));
            Map<String, Standing> standings = new HashMap<>();
            for (int i = 0; i < ranked.size(); i++) {
                BattleEntry entry = ranked.get(i);
                standings.put(entry.id, new Standing(i + 1, votes.getOrDefault(entry.id, 0L), null, null, null));
            }
            return standings;
        });
    }

    private static List<EntryView> entryViews(
            List<BattleEntry> entries,
            Map<String, Standing> standings,
            Map<String, PublicUser> users,
            Map<String, KnownMashup> mashups) {
        List<BattleEntry> ordered = new ArrayList<>(entries);
        if (!standings.isEmpty()) {
            ordered.sort(Comparator.comparingInt(e -> standings.get(e.id).place()));
        }
        return ordered.stream()
                .map(entry -> {
                    KnownMashup mashup = mashups.get(entry.mashupId);
                    Standing standing = standings.get(entry.id);
                    return new EntryView(
                            entry.id,
                            users.get(entry.userId),
                            new MashupRef(
                                    entry.mashupId,
                                    mashup == null ? null : mashup.title,
                                    mashup == null ? 0 : mashup.durationSec),
                            standing == null ? null : standing.votes(),
                            standing == null ? null : standing.place(),
                            entry.submittedAt,
                            standing == null ? null : standing.judgesScore(),
                            standing == null ? null : standing.score(),
                            standing == null ? null : standing.prize());
                })
                .toList();
    }

    private static Uni<Long> heldVotes(Battle battle) {
        return battle.revealsResults()
                ? Tally.held(battle.id)
                : Uni.createFrom().nullItem();
    }

    private static BattleView view(Battle battle, List<String> judges, Long heldVotes) {
        return new BattleView(
                battle.id,
                battle.title,
                battle.description,
                battle.theme,
                battle.status.wire(),
                battle.votingEndAt,
                battle.format.wire(),
                battle.voting.wire(),
                battle.startsAt,
                battle.entriesEndAt,
                judges,
                read(battle.criteria, NAMES),
                battle.communityWeight,
                battle.judgesWeight,
                read(battle.prizes, CREDITS),
                heldVotes);
    }

    private static Uni<Battle> battle(String battleId) {
        return battle(battleId, LockModeType.NONE);
    }

    /**
     * Entries and votes hold the battle shared (many at once) and admins and the clock hold it alone: a battle is not
     * decided while an entry or a vote that saw it open is still being written.
     */
    private static Uni<Battle> battle(String battleId, LockModeType lock) {
        return Battle.<Battle>findById(battleId, lock).map(battle -> {
            if (battle == null) {
                throw ProblemException.notFound("battle", battleId);
            }
            return battle;
        });
    }

    private static Uni<Map<String, Long>> entryCounts(List<String> battleIds) {
        if (battleIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select e.battleId, count(e) from BattleEntry e where e.battleId in ?1 "
                                        + "and e.withdrawnAt is null group by e.battleId",
                                Object[].class)
                        .setParameter(1, battleIds)
                        .getResultList())
                .map(rows -> counted(rows));
    }

    private static Map<String, Long> counted(List<Object[]> rows) {
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The entry the user voted for: in a bracket, their latest vote. */
    private static Uni<String> userVote(String battleId, String userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT entry_id FROM battle_votes WHERE battle_id = ?1 AND user_id = ?2 "
                                        + "ORDER BY cast_at DESC LIMIT 1",
                                String.class)
                        .setParameter(1, battleId)
                        .setParameter(2, userId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private static Uni<Boolean> isJudge(String battleId, String userId) {
        return Tally.judges(battleId).map(judges -> judges.contains(userId));
    }

    private static Uni<Void> addJudges(String battleId, List<String> judges) {
        if (judges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO battle_judges (battle_id, user_id) SELECT ?1, unnest(cast(?2 AS text[]))")
                        .setParameter(1, battleId)
                        .setParameter(2, judges.toArray(String[]::new))
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Map<String, KnownMashup>> mashups(List<BattleEntry> entries) {
        return EnterableMashups.byId(entries.stream().map(e -> e.mashupId).toList());
    }

    // ---- rules ----

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ProblemException.forbidden("only admins run battles");
        }
    }

    private static void requireOrder(Instant startsAt, Instant entriesEndAt, Instant votingEndAt) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!startsAt.isBefore(entriesEndAt)) {
            errors.put("entriesEndAt", "must be after startsAt");
        }
        if (!entriesEndAt.isBefore(votingEndAt)) {
            errors.put("votingEndAt", "must be after entriesEndAt");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static ProblemException closed(String what, Battle battle, OffsetDateTime opens, OffsetDateTime closes) {
        return closed(what, battle.id, battle.status, opens, closes);
    }

    static ProblemException closed(
            String what, String battleId, BattleStatus status, OffsetDateTime opens, OffsetDateTime closes) {
        return new ProblemException(Problem.of(
                        409,
                        "closed",
                        "Not open",
                        what + " of battle " + battleId + " open from " + opens + " until " + closes
                                + (status == BattleStatus.CANCELLED ? "; the battle was cancelled" : ""))
                .with("opensAt", opens.toString())
                .with("closesAt", closes.toString()));
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON: " + json, e);
        }
    }
}
