package io.mashups.community.battle;

import io.mashups.community.CommunityConfig;
import io.mashups.community.profile.Caller;
import io.mashups.web.Hashes;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vote's rules, run in the database by {@code cast_vote} (the hot path), votes that arrive together committed
 * together (see {@link #sendGroups()}): the battle's phase,
 * a standing entry that is not the voter's, no judge voting, the account's age, a per-user allowance shared by every
 * replica (a token bucket on the profile row), and holding for review the votes that look like stuffing: more voters
 * than allowed from one address, or a burst of votes from new accounts.
 */
@ApplicationScoped
public class VoteGuard {
    private static final String CAST = "SELECT outcome, reason, at, until FROM cast_vote($1, $2, $3, $4, $5, $6, $7, "
            + "$8, make_interval(secs => $9), $10, $11, $12, make_interval(secs => $13), $14, make_interval(secs => $15))";

    private final CommunityConfig.Votes config;
    private final Pool pool;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger groupsInFlight = new AtomicInteger();
    private final DistributionSummary groupSizes;
    private final Counter groupsCastAgain;

    /** A vote waiting for its group: its arguments and where its answer goes. */
    private record Pending(String voter, Tuple arguments, UniEmitter<? super Row> answer) {}

    private static final Comparator<Pending> BY_VOTER = Comparator.comparing(Pending::voter);

    /**
     * The vote goes straight to the SQL client, not through Hibernate: one statement per vote, and Hibernate 7.2 keeps every execution of a native query with a result type as a new entry of its interpretation
     * cache under one hash, so each lookup scans them all (a sixth of the vote's CPU at 700 votes a second).
     */
    public VoteGuard(CommunityConfig config, Pool pool, MeterRegistry metrics) {
        this.config = config.votes();
        this.pool = pool;
        this.groupSizes = DistributionSummary.builder("community.votes.group.size")
                .description("votes committed together in one transaction")
                .register(metrics);
        this.groupsCastAgain = Counter.builder("community.votes.groups.cast-again")
                .description("groups of votes that failed and were cast again vote by vote")
                .register(metrics);
    }

    /** A bracket's vote, cast without its match: the caller finds the match and casts again. */
    static final class NeedsMatch extends RuntimeException {
        NeedsMatch() {
            super("a bracket's vote is for a match", null, false, false);
        }
    }

    /**
     * Casts a vote by every rule in one call of the database's {@code cast_vote}, committed with the votes sent in the
     * same group: returns why it is held, null when it counts at once, or fails with the problem that refused it.
     */
    Uni<String> cast(String battleId, String matchId, Caller caller, String entryId, Instant now, String address) {
        Tuple arguments = Tuple.from(java.util.Arrays.asList(
                battleId,
                matchId,
                caller.id(),
                caller.name(),
                caller.picture(),
                entryId,
                now.atOffset(ZoneOffset.UTC),
                address,
                (double) config.minAccountAge().toSeconds(),
                (double) config.burst(),
                config.perMinute() / 60,
                config.perAddress(),
                (double) config.newAccountAge().toSeconds(),
                config.newAccountBurst(),
                (double) config.burstWindow().toSeconds()));
        Context request = Vertx.currentContext();
        Uni<Row> answered = Uni.createFrom().emitter(answer -> {
            waiting.add(new Pending(caller.id(), arguments, answer));
            sendGroups();
        });
        // answered where the request runs, not on the connection's event loop that completed the group
        return (request == null ? answered : answered.emitOn(task -> request.runOnContext(ignored -> task.run())))
                .map(row -> outcome(battleId, entryId, row));
    }

    /**
     * Sends the waiting votes while fewer than {@code groups-in-flight} groups run: each group is one pipelined batch,
     * which Postgres runs as one transaction (a single Sync), so its votes share a commit. Votes go in voter order,
     * so two groups lock the same profiles and votes in the same order. A group that fails is cast again vote by
     * vote, each with its own answer: nothing of a failed group was committed.
     */
    private void sendGroups() {
        while (!waiting.isEmpty()) {
            int running = groupsInFlight.get();
            if (running >= config.groupsInFlight()) {
                return;
            }
            if (!groupsInFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> group = new ArrayList<>();
            for (Pending next; group.size() < config.groupSize() && (next = waiting.poll()) != null; ) {
                group.add(next);
            }
            if (group.isEmpty()) {
                groupsInFlight.decrementAndGet();
                continue;
            }
            group.sort(BY_VOTER);
            groupSizes.record(group.size());
            pool.preparedQuery(CAST)
                    .executeBatch(group.stream().map(Pending::arguments).toList())
                    .subscribe()
                    .with(
                            results -> {
                                // whatever happens here, the group's slot is freed: votes never wait forever
                                try {
                                    RowSet<Row> result = results;
                                    for (Pending vote : group) {
                                        vote.answer().complete(result.iterator().next());
                                        result = result.next();
                                    }
                                } finally {
                                    groupDone();
                                }
                            },
                            failure -> {
                                if (group.size() == 1) {
                                    group.get(0).answer().fail(failure);
                                    groupDone();
                                    return;
                                }
                                groupsCastAgain.increment();
                                group.forEach(vote -> pool.preparedQuery(CAST)
                                        .execute(vote.arguments())
                                        .subscribe()
                                        .with(
                                                rows -> vote.answer()
                                                        .complete(
                                                                rows.iterator().next()),
                                                vote.answer()::fail));
                                groupDone();
                            });
        }
    }

    private void groupDone() {
        groupsInFlight.decrementAndGet();
        sendGroups();
    }

    private String outcome(String battleId, String entryId, Row row) {
        String reason = row.getString(1);
        return switch (row.getString(0)) {
            case "counted" -> null;
            case "held" -> reason;
            case "bracket" -> throw new NeedsMatch();
            case "not-found" -> throw ProblemException.notFound("battle", battleId);
            case "closed" ->
                throw BattleService.closed(
                        "voting",
                        battleId,
                        BattleStatus.of(reason),
                        row.getOffsetDateTime(2),
                        row.getOffsetDateTime(3));
            case "no-entry" ->
                throw ProblemException.unprocessable(
                        "entry " + entryId + " is not a standing entry of battle " + battleId);
            case "own-entry" -> throw ProblemException.forbidden("you cannot vote for your own entry");
            case "judge" -> throw ProblemException.forbidden("judges of a battle score it and do not vote in it");
            case "too-new" ->
                throw new ProblemException(Problem.of(
                                403,
                                "account-too-new",
                                "Account too new",
                                "accounts vote from " + config.minAccountAge().toHours()
                                        + " hours after they were first seen")
                        .with("votingFrom", row.getOffsetDateTime(2).toInstant().toString()));
            case "rate-limited" -> {
                long retryAfter = Math.max(1, (long) Math.ceil(60 / config.perMinute()));
                throw new ProblemException(Problem.of(
                                429,
                                "rate-limited",
                                "Too many votes",
                                "at most " + config.perMinute() + " votes a minute; try again in " + retryAfter + " s")
                        .with("retryAfter", retryAfter));
            }
            default -> throw new IllegalStateException("cast_vote answered " + row.getString(0));
        };
    }

    /** The client address as stored with a vote: a hash, enough to compare and nothing more. */
    static String addressHash(String address) {
        return Hashes.sha256Hex(address).substring(0, 32);
    }
}
