package io.mashups.community.challenge;

import io.mashups.community.CommunityConfig;
import io.mashups.community.credit.CreditLedger;
import io.mashups.community.gamification.Badge;
import io.mashups.community.gamification.Gamification;
import io.mashups.community.gamification.XpLog;
import io.mashups.community.gamification.XpRule;
import io.mashups.events.EventCatalog;
import io.mashups.events.community.ChallengeCompletedV1;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Ranks a challenge once, in the transaction that completes it: final ranks by score, ties to the earlier submission
 * (then the entry id, so the ranking is deterministic); the winner's credits, XP and badges; and
 * {@code community.challenge-completed} with the first places. Engagement stops counting for a completed challenge
 * (its updates lock the challenge shared and skip it once completed), so the ranking is final.
 */
@ApplicationScoped
public class ChallengeCompletion {
    private static final String RANK = """
            UPDATE challenge_entries e SET final_rank = ranked.rank FROM (
                SELECT id, row_number() OVER (ORDER BY score DESC, submitted_at, id) AS rank
                FROM challenge_entries WHERE challenge_id = ?1) ranked
            WHERE e.id = ranked.id""";

    private final CreditLedger ledger;
    private final Gamification gamification;
    private final XpLog xp;
    private final Outbox outbox;
    private final int publishedPlaces;

    public ChallengeCompletion(
            CreditLedger ledger, Gamification gamification, XpLog xp, Outbox outbox, CommunityConfig config) {
        this.ledger = ledger;
        this.gamification = gamification;
        this.xp = xp;
        this.outbox = outbox;
        this.publishedPlaces = config.challenges().publishedPlaces();
    }

    Uni<Void> complete(Challenge challenge, Instant now) {
        String source = "challenge:" + challenge.id;
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RANK)
                        .setParameter(1, challenge.id)
                        .executeUpdate())
                .chain(() -> ChallengeEntry.count("challengeId", challenge.id))
                .chain(count -> ChallengeEntry.<ChallengeEntry>find("challengeId = ?1 order by finalRank", challenge.id)
                        .page(0, publishedPlaces)
                        .list()
                        .chain(top -> rewardWinner(challenge, top, source, now)
                                .chain(() -> outbox.add(
                                        EventCatalog.CHALLENGE_COMPLETED,
                                        challenge.id,
                                        new ChallengeCompletedV1(
                                                challenge.id,
                                                challenge.title,
                                                challenge.type.wire(),
                                                count,
                                                top.stream()
                                                        .map(ChallengeCompletion::place)
                                                        .toList(),
                                                challenge.rewardCredits,
                                                challenge.rewardBadge,
                                                now)))))
                .replaceWithVoid();
    }

    private Uni<Void> rewardWinner(Challenge challenge, List<ChallengeEntry> top, String source, Instant now) {
        if (top.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String winner = top.get(0).userId;
        Uni<Void> credits = challenge.rewardCredits == 0
                ? Uni.createFrom().voidItem()
                : ledger.credit(
                        winner,
                        challenge.rewardCredits,
                        "Winner of " + challenge.title,
                        source,
                        ChallengeClock.utc(now));
        Uni<Void> badge = challenge.rewardBadge == null
                ? Uni.createFrom().voidItem()
                : Badge.byId(challenge.rewardBadge)
                        .map(reward -> xp.badge(winner, reward, source, now).replaceWithVoid())
                        .orElse(Uni.createFrom().voidItem());
        return credits.chain(() -> gamification.won(winner, XpRule.CHALLENGE_WON, Badge.CHALLENGE_WINNER, source, now))
                .chain(() -> badge);
    }

    private static ChallengeCompletedV1.Place place(ChallengeEntry entry) {
        return new ChallengeCompletedV1.Place(
                entry.finalRank,
                entry.id,
                entry.userId,
                entry.mashupId,
                entry.score,
                entry.plays,
                entry.likes,
                entry.shares,
                entry.comments,
                entry.early);
    }
}
