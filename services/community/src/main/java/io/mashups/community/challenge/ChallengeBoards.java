package io.mashups.community.challenge;

import io.mashups.community.CommunityConfig;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import io.mashups.web.PageQuery;
import io.mashups.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Challenge leaderboards, read from a copy of each board this replica keeps in memory: one statement per page took
 * a p99 of 129-250 ms while engagement rewrote thousands of scores a second (the benchmark in the README), a copy's
 * page takes no statement at all.
 *
 * <p>A copy holds every entry of a challenge with its live and frozen counts, sorted for the board shown now. This
 * replica's own changes reach it at once: the scores' batches hand it the entries they update, with their revision,
 * before they commit; submissions and status changes drop it once committed. Changes made on other replicas arrive
 * when a copy not checked for {@code board-refresh} is read: that read gets the copy as it is, and a check starts
 * behind it. The check counts the board's changes by other writers than this replica (db/migration V11: other
 * replicas' scores, submissions, the clock, anything else that writes a challenge or its entries); the board is read
 * again when that count moved, or when the copy is older than {@code board-full-refresh} (names and titles, which
 * nothing counts). So a replica that changed a board alone does not read back what it already has: that reread of
 * every entry each second was most of the cost of a page while engagement streamed in (the benchmark in the README).
 * A reload keeps, of each entry, the version with the higher revision (an update this replica handed over may not
 * have committed when the reload read the entry), but trusts the database once an update had {@link #COMMIT_GRACE} to
 * commit. Challenges with more than {@code board-copy-entries} entries are read from the database a page at a time.
 */
@ApplicationScoped
public class ChallengeBoards {
    private static final Logger LOG = Logger.getLogger(ChallengeBoards.class);

    /** Longer than a scores transaction takes to commit once its update has run. */
    static final long COMMIT_GRACE = 10_000_000_000L;

    private static final String COLUMNS = "e.id, e.user_id, p.name, p.avatar, e.mashup_id, m.title, m.duration_sec, "
            + "e.submitted_at, e.early, e.revision, e.plays, e.likes, e.shares, e.comments, e.score, e.frozen_plays, "
            + "e.frozen_likes, e.frozen_shares, e.frozen_comments, e.frozen_score, e.final_rank";
    private static final String JOINS =
            " e LEFT JOIN profiles p ON p.user_id = e.user_id LEFT JOIN known_mashups m ON m.id = e.mashup_id";
    /** Every entry, up to one more than a copy may hold. */
    private static final String ALL =
            "SELECT " + COLUMNS + " FROM challenge_entries" + JOINS + " WHERE e.challenge_id = $1 LIMIT $2";

    private static final String HEAD = "SELECT status, freezes_at FROM challenges WHERE id = $1";

    /** The board's changes by writers other than this replica. */
    private static final String OTHERS_CHANGES =
            "SELECT coalesce(sum(changes), 0) FROM board_changes WHERE challenge_id = $1 AND writer <> $2";

    /** Checks of board copies, by outcome. */
    static final String CHECKS = "community.challenge.board.checks";

    private final Pool pool;
    private final Clock clock;
    private final Counter reads;
    private final Counter unchanged;
    private final long refreshNanos;
    private final long fullRefreshNanos;
    private final int copyEntries;
    /** How this replica's scores transactions name themselves as the writer of their board changes. */
    private final String writer = UUID.randomUUID().toString();

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public ChallengeBoards(Pool pool, Clock clock, CommunityConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.clock = clock;
        this.reads = Counter.builder(CHECKS)
                .tag("outcome", "read")
                .description("checks of a board's copy that read the board (first copy, others' changes, age)")
                .register(metrics);
        this.unchanged = Counter.builder(CHECKS)
                .tag("outcome", "unchanged")
                .description("checks of a board's copy that found no changes by others")
                .register(metrics);
        this.refreshNanos = config.challenges().boardRefresh().toNanos();
        this.fullRefreshNanos = config.challenges().boardFullRefresh().toNanos();
        this.copyEntries = config.challenges().boardCopyEntries();
    }

    /** Counts of an entry: those the live board shows, or those of the frozen one. */
    record Counts(long plays, long likes, long shares, long comments, long score) {
        /** The five columns of a row from {@code from} on: plays, likes, shares, comments, score. */
        static Counts of(Object[] row, int from) {
            return new Counts(
                    ((Number) row[from]).longValue(),
                    ((Number) row[from + 1]).longValue(),
                    ((Number) row[from + 2]).longValue(),
                    ((Number) row[from + 3]).longValue(),
                    ((Number) row[from + 4]).longValue());
        }
    }

    /** An entry's counts as an update of the scores left them, and when it was handed over (System.nanoTime). */
    record Change(String challengeId, String entryId, long revision, Counts live, Counts frozen, long at) {}

    /** An entry as boards show it, in any of their orders. {@code changedAt}: when a {@link Change} made it, or 0. */
    record Row(
            String id,
            PublicUser user,
            MashupRef mashup,
            Instant submittedAt,
            boolean early,
            long revision,
            Counts live,
            Counts frozen,
            Integer finalRank,
            long changedAt) {
        Row with(Change change) {
            return new Row(
                    id,
                    user,
                    mashup,
                    submittedAt,
                    early,
                    change.revision(),
                    change.live(),
                    change.frozen(),
                    finalRank,
                    change.at());
        }

        /** Whether this is the entry as {@code other} shows it (when either was handed over aside). */
        boolean sameAs(Row other) {
            return revision == other.revision
                    && early == other.early
                    && user.equals(other.user)
                    && mashup.equals(other.mashup)
                    && submittedAt.equals(other.submittedAt)
                    && live.equals(other.live)
                    && frozen.equals(other.frozen)
                    && Objects.equals(finalRank, other.finalRank);
        }

        /** Whether this version should stand against one read at {@code readAt} (System.nanoTime). */
        boolean newerThan(Row read, long readAt) {
            return revision > read.revision && changedAt != 0 && readAt - changedAt < COMMIT_GRACE;
        }

        static Row of(io.vertx.mutiny.sqlclient.Row row) {
            String mashupId = row.getString(4);
            Double duration = row.getDouble(6);
            return new Row(
                    row.getString(0),
                    new PublicUser(row.getString(1), row.getString(2), row.getString(3)),
                    duration == null // not known (yet): duration_sec is never null for a known one
                            ? new MashupRef(mashupId, null, 0)
                            : new MashupRef(mashupId, row.getString(5), duration),
                    row.getOffsetDateTime(7).toInstant(),
                    row.getBoolean(8),
                    row.getLong(9),
                    new Counts(row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13), row.getLong(14)),
                    new Counts(row.getLong(15), row.getLong(16), row.getLong(17), row.getLong(18), row.getLong(19)),
                    row.getInteger(20),
                    0);
        }

        ChallengeEntryView view(String challengeId, long rank, Board board) {
            Counts shown = board.frozen() ? frozen : live;
            return new ChallengeEntryView(
                    id,
                    challengeId,
                    user,
                    mashup,
                    shown.score(),
                    rank,
                    submittedAt,
                    early,
                    new ChallengeEntryView.Breakdown(
                            shown.plays(), shown.likes(), shown.shares(), shown.comments(), early ? 50 : 0));
        }
    }

    /** What boards need of a challenge. */
    record Head(String id, ChallengeStatus status, Instant freezesAt) {
        Board board(Instant now) {
            return Board.of(status, freezesAt, now);
        }

        ChallengeBoard page(Board board, List<ChallengeEntryView> entries, PageQuery paging, long total) {
            return new ChallengeBoard(
                    id,
                    board.frozen(),
                    board.ranked(),
                    board.frozen() ? freezesAt : null,
                    entries,
                    paging.page,
                    paging.size,
                    total);
        }
    }

    /** A board's every entry in the order of {@code board}; {@code readAt}: when the reload it came from began. */
    record Copy(Head head, Board board, List<Row> sorted, Map<String, Row> byId, long readAt) {
        static Copy of(Head head, Board board, Map<String, Row> byId, long readAt) {
            List<Row> sorted = new ArrayList<>(byId.values());
            sorted.sort(order(board));
            return new Copy(head, board, sorted, byId, readAt);
        }

        Copy sortedFor(Board shown) {
            return shown.equals(board) ? this : of(head, shown, byId, readAt);
        }

        /**
         * This copy with the entries a scores update changed, merged back into the order (no sort of the whole
         * board). {@code byId} changes in place: only the slot's current copy is changed, holding the slot, and
         * readers of older copies read only {@code sorted}.
         */
        Copy with(Collection<Change> changes) {
            Map<String, Row> moved = new HashMap<>();
            // the rows they replace, by identity: the merge below looks up every entry of the board
            Set<Row> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Change change : changes) {
                Row row = byId.get(change.entryId());
                if (row != null && change.revision() >= row.revision()) {
                    Row changed = row.with(change);
                    byId.put(row.id(), changed);
                    if (moved.put(row.id(), changed) == null) {
                        replaced.add(row); // the one the order holds
                    }
                }
            }
            if (moved.isEmpty()) {
                return this;
            }
            Comparator<Row> order = order(board);
            List<Row> movers = new ArrayList<>(moved.values());
            movers.sort(order);
            List<Row> merged = new ArrayList<>(sorted.size());
            int next = 0;
            for (Row row : sorted) {
                if (replaced.contains(row)) {
                    continue;
                }
                while (next < movers.size() && order.compare(movers.get(next), row) < 0) {
                    merged.add(movers.get(next++));
                }
                merged.add(row);
            }
            merged.addAll(movers.subList(next, movers.size()));
            return new Copy(head, board, merged, byId, readAt);
        }

        /**
         * A reload of this board read at {@code at}, keeping what this copy and {@code pending} know newer. Entries
         * that did not change stay the objects the copy had (and a board where none changed keeps its order), so a
         * reload a second leaves young garbage only, not a new board for every collection to copy.
         */
        static Copy merged(Head head, Board board, List<Row> read, long at, Copy kept, Collection<Change> pending) {
            Map<String, Row> byId = new HashMap<>(read.size() * 2);
            boolean unchanged = kept != null && kept.byId().size() == read.size() && pending.isEmpty();
            for (Row row : read) {
                Row mine = kept == null ? null : kept.byId().get(row.id());
                Row chosen = mine != null && (mine.newerThan(row, at) || mine.sameAs(row)) ? mine : row;
                unchanged &= chosen == mine;
                byId.put(row.id(), chosen);
            }
            if (unchanged) {
                return new Copy(head, kept.board(), kept.sorted(), kept.byId(), at).sortedFor(board);
            }
            for (Change change : pending) {
                Row row = byId.get(change.entryId());
                if (row != null && row.with(change).newerThan(row, at)) {
                    byId.put(row.id(), row.with(change));
                }
            }
            return of(head, board, byId, at);
        }

        ChallengeBoard page(PageQuery paging) {
            long first = (long) paging.index() * paging.size;
            List<ChallengeEntryView> views = new ArrayList<>(paging.size);
            for (long i = first; i < Math.min(first + paging.size, sorted.size()); i++) {
                views.add(sorted.get((int) i).view(head.id(), i + 1, board));
            }
            return head.page(board, views, paging, sorted.size());
        }
    }

    /** The database's orders (Board#order): ids compare as the C collation does, codepoint by codepoint. */
    static Comparator<Row> order(Board board) {
        return board.ranked() ? RANKED : board.frozen() ? FROZEN : LIVE;
    }

    private static final Comparator<Row> RANKED = Comparator.comparing(
                    Row::finalRank, Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
            .thenComparing(Row::id);
    private static final Comparator<Row> LIVE = byScore(Row::live);
    private static final Comparator<Row> FROZEN = byScore(Row::frozen);

    private static Comparator<Row> byScore(Function<Row, Counts> shown) {
        return Comparator.<Row>comparingLong(row -> -shown.apply(row).score())
                .thenComparing(Row::submittedAt)
                .thenComparing(Row::id);
    }

    /** A challenge's copy and its reload; guarded by itself. */
    private static final class Slot {
        Copy copy;
        /** The check or reload in flight, shared by the reads waiting for it. */
        Uni<Copy> reload;
        /** When the copy was last read or found unchanged by others (System.nanoTime). */
        long checkedAt;
        /** Other writers' changes of the board counted before the copy was read. */
        long othersChanges;
        /** Raised when the copy is dropped: a reload begun before keeps nothing. */
        long generation;
        /** Changes handed over while no copy took them (none yet, or a reload in flight): merged into the reload. */
        final Map<String, Change> pending = new HashMap<>();
        /** Too many entries to copy: read page by page. */
        boolean tooLarge;
        /** The copy's entries (read without holding the slot, to trim). */
        volatile int entries;

        volatile long lastRead;
    }

    /** A page of the board of challenge {@code id} as shown at {@code now}. */
    public Uni<ChallengeBoard> page(String id, Instant now, PageQuery paging) {
        Slot slot = slot(id);
        Uni<Copy> copy;
        synchronized (slot) {
            slot.lastRead = System.nanoTime();
            if (slot.tooLarge) {
                copy = null;
            } else if (slot.copy == null) {
                copy = reload(id, slot);
            } else {
                if (slot.lastRead - slot.checkedAt > refreshNanos && slot.reload == null) {
                    Context behind = VertxContext.createNewDuplicatedContext(); // outlives this request
                    if (behind != null) {
                        Uni<Copy> reload = reload(id, slot);
                        behind.runOnContext(ignored -> reload.subscribe()
                                .with(done -> {}, failure -> LOG.warnf("reloading board %s: %s", id, failure)));
                    }
                }
                slot.copy = slot.copy.sortedFor(slot.copy.head().board(now)); // at the freeze
                copy = Uni.createFrom().item(slot.copy);
            }
        }
        if (copy == null) {
            return pageByStatement(id, now, paging);
        }
        Context caller = Vertx.currentContext(); // a shared reload answers on the context that started it
        if (caller != null) {
            copy = copy.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        }
        return copy.chain(found -> {
            if (found == null) { // grew too large meanwhile
                return pageByStatement(id, now, paging);
            }
            return Uni.createFrom()
                    .item(found.sortedFor(found.head().board(now)).page(paging));
        });
    }

    /**
     * Entries as a scores transaction has just updated them, before it commits (so a read that sees the commit sees
     * them too).
     */
    void changed(List<Change> changes) {
        Map<String, List<Change>> byChallenge = new HashMap<>();
        for (Change change : changes) {
            byChallenge
                    .computeIfAbsent(change.challengeId(), k -> new ArrayList<>())
                    .add(change);
        }
        byChallenge.forEach((challengeId, theirs) -> {
            Slot slot = slots.get(challengeId);
            if (slot == null) {
                return;
            }
            synchronized (slot) {
                if (slot.tooLarge) {
                    return;
                }
                if (slot.copy != null) {
                    slot.copy = slot.copy.with(theirs);
                }
                if (slot.copy == null || slot.reload != null) {
                    for (Change change : theirs) {
                        slot.pending.merge(
                                change.entryId(), change, (was, now) -> now.revision() >= was.revision() ? now : was);
                    }
                }
            }
        });
    }

    /** Drops the copy of a challenge whose entries or status changed, once the change is committed. */
    void forget(String challengeId) {
        Slot slot = slots.get(challengeId);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            slot.copy = null;
            slot.entries = 0;
            slot.reload = null;
            slot.generation++;
            slot.pending.clear();
        }
    }

    private Slot slot(String id) {
        return slots.computeIfAbsent(id, key -> new Slot());
    }

    /** Drops the least recently read copies until all of them hold at most {@code board-copy-entries} entries. */
    private void trim(Slot kept) {
        long held = 0;
        for (Slot slot : slots.values()) {
            held += slot.entries;
        }
        while (held > copyEntries) {
            var oldest = slots.entrySet().stream()
                    .filter(entry -> entry.getValue() != kept && entry.getValue().entries > 0)
                    .min(Comparator.comparingLong(entry -> entry.getValue().lastRead));
            if (oldest.isEmpty()) {
                return;
            }
            slots.remove(oldest.get().getKey(), oldest.get().getValue());
            held -= oldest.get().getValue().entries;
        }
    }

    /** This replica's name as the writer of its scores transactions' board changes. */
    String writer() {
        return writer;
    }

    /**
     * The check or reload of a slot (the one in flight, or a new one): the board is read unless the copy is recent
     * and no other writer changed the board since it was read. Call holding the slot.
     */
    private Uni<Copy> reload(String id, Slot slot) {
        if (slot.reload == null) {
            long generation = slot.generation;
            long checkedAt = System.nanoTime();
            Copy known = slot.copy;
            long knownOthers = slot.othersChanges;
            boolean recent = known != null && checkedAt - known.readAt() < fullRefreshNanos;
            slot.reload = Uni.createFrom()
                    .deferred(() -> othersChanges(id))
                    .chain(others -> recent && others == knownOthers
                            ? Uni.createFrom().item(() -> unchanged(slot, generation, known, checkedAt))
                            : read(id, others).map(read -> install(id, slot, generation, read)))
                    .onFailure()
                    .invoke(failure -> {
                        synchronized (slot) {
                            if (generation == slot.generation) {
                                slot.reload = null;
                            }
                            if (slot.copy == null) {
                                slots.remove(id, slot); // an unknown challenge leaves nothing behind
                            }
                        }
                    })
                    .memoize()
                    .indefinitely();
        }
        return slot.reload;
    }

    private record Read(Head head, List<Row> rows, long at, long othersChanges) {}

    private Uni<Long> othersChanges(String id) {
        return pool.preparedQuery(OTHERS_CHANGES)
                .execute(Tuple.of(id, writer))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The copy as it is (it holds this replica's own changes): checked now. */
    private Copy unchanged(Slot slot, long generation, Copy known, long checkedAt) {
        unchanged.increment();
        synchronized (slot) {
            if (generation != slot.generation) {
                return known;
            }
            slot.reload = null;
            slot.pending.clear(); // handed to the copy too
            slot.checkedAt = checkedAt;
            return slot.copy;
        }
    }

    /**
     * The challenge and every entry (up to one more than copies may hold), through the reactive client rather than
     * Hibernate: thousands of rows a second; the rows are built on a worker thread (install merges and sorts there
     * too), so no event loop spends milliseconds on them while requests wait behind it.
     */
    private Uni<Read> read(String id, long othersChanges) {
        reads.increment();
        long at = System.nanoTime();
        return head(id).chain(head -> pool.preparedQuery(ALL)
                .execute(Tuple.of(id, copyEntries + 1))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(rows -> {
                    List<Row> read = new ArrayList<>(rows.size());
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        read.add(Row.of(row));
                    }
                    return new Read(head, read, at, othersChanges);
                }));
    }

    private Uni<Head> head(String id) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("challenge", id);
            }
            io.vertx.mutiny.sqlclient.Row row = rows.iterator().next();
            return new Head(
                    id,
                    ChallengeStatus.of(row.getString(0)),
                    row.getOffsetDateTime(1).toInstant());
        });
    }

    private Copy install(String id, Slot slot, long generation, Read read) {
        Copy copy;
        synchronized (slot) {
            // a reload begun before the copy was dropped answers the reads that waited for it, and keeps nothing
            boolean current = generation == slot.generation;
            if (read.rows().size() > copyEntries) {
                if (current) {
                    slot.reload = null;
                    slot.tooLarge = true;
                    slot.pending.clear();
                }
                return null;
            }
            Board board = slot.copy == null ? read.head().board(clock.instant()) : slot.copy.board();
            copy = current
                    ? Copy.merged(read.head(), board, read.rows(), read.at(), slot.copy, slot.pending.values())
                    : Copy.merged(read.head(), board, read.rows(), read.at(), null, List.of());
            if (current) {
                slot.reload = null;
                slot.pending.clear();
                slot.copy = copy;
                slot.entries = copy.sorted().size();
                slot.checkedAt = read.at();
                slot.othersChanges = read.othersChanges();
            }
        }
        trim(slot);
        return copy;
    }

    /** A page in one statement (boards too large to copy): the page with its count, run once. */
    private Uni<ChallengeBoard> pageByStatement(String id, Instant now, PageQuery paging) {
        return head(id).chain(head -> {
            Board board = head.board(now);
            long first = (long) paging.index() * paging.size;
            String page = "SELECT " + COLUMNS + ", (SELECT count(*) FROM challenge_entries WHERE challenge_id = $1) "
                    + "FROM (SELECT *, row_number() OVER (ORDER BY " + board.order() + ") AS position "
                    + "FROM challenge_entries WHERE challenge_id = $1 ORDER BY " + board.order()
                    + " LIMIT $2 OFFSET $3)" + JOINS + " ORDER BY e.position";
            return pool.preparedQuery(page)
                    .execute(Tuple.of(id, paging.size, first))
                    .chain(rows -> {
                        List<ChallengeEntryView> views = new ArrayList<>(rows.size());
                        long count = 0;
                        for (io.vertx.mutiny.sqlclient.Row row : rows) {
                            views.add(Row.of(row).view(id, first + views.size() + 1, board));
                            count = row.getLong(21);
                        }
                        // the page carries the count; a page past the end counts on its own
                        Uni<Long> total = rows.size() > 0
                                ? Uni.createFrom().item(count)
                                : pool.preparedQuery("SELECT count(*) FROM challenge_entries WHERE challenge_id = $1")
                                        .execute(Tuple.of(id))
                                        .map(counted ->
                                                counted.iterator().next().getLong(0));
                        return total.map(counted -> head.page(board, views, paging, counted));
                    });
        });
    }
}
