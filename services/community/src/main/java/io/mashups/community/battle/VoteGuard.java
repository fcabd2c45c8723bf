package io.mashups.community.battle;

import io.mashups.community.CommunityConfig;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * What keeps votes honest beyond the rules: a per-user allowance shared by every replica (a token bucket on the
 * profile row, spent in the vote's transaction), and holding for review the votes that look like stuffing: more
 * voters than allowed from one address, or a burst of votes from new accounts.
 */
@ApplicationScoped
public class VoteGuard {
    private static final String SPEND = "UPDATE profiles SET vote_tokens = LEAST(?2, COALESCE(vote_tokens, ?2) + "
            + "extract(epoch FROM (?3 - COALESCE(vote_tokens_at, ?3))) * ?4) - 1, vote_tokens_at = ?3 "
            + "WHERE user_id = ?1 AND LEAST(?2, COALESCE(vote_tokens, ?2) + "
            + "extract(epoch FROM (?3 - COALESCE(vote_tokens_at, ?3))) * ?4) >= 1";

    private final CommunityConfig.Votes config;

    public VoteGuard(CommunityConfig config) {
        this.config = config.votes();
    }

    /** Spends one vote of the user's allowance, or refuses with 429 saying when the next one comes. */
    Uni<Void> spend(String userId, Instant now) {
        double perSecond = config.perMinute() / 60;
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SPEND)
                        .setParameter(1, userId)
                        .setParameter(2, (double) config.burst())
                        .setParameter(3, now.atOffset(ZoneOffset.UTC))
                        .setParameter(4, perSecond)
                        .executeUpdate())
                .map(spent -> {
                    if (spent == 0) {
                        long retryAfter = Math.max(1, (long) Math.ceil(1 / perSecond));
                        throw new ProblemException(Problem.of(
                                        429,
                                        "rate-limited",
                                        "Too many votes",
                                        "at most " + config.perMinute() + " votes a minute; try again in " + retryAfter
                                                + " s")
                                .with("retryAfter", retryAfter));
                    }
                    return null;
                });
    }

    /** Why a vote is held for review, or null when it counts at once. */
    Uni<String> holdReason(String battleId, String userId, OffsetDateTime firstSeen, String address, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT count(DISTINCT user_id) FROM battle_votes WHERE battle_id = ?1 AND address = ?2 "
                                        + "AND user_id <> ?3",
                                Long.class)
                        .setParameter(1, battleId)
                        .setParameter(2, address)
                        .setParameter(3, userId)
                        .getSingleResult()
                        .chain(sameAddress -> {
                            if (sameAddress >= config.perAddress()) {
                                return Uni.createFrom().item("many voters from one address");
                            }
                            Instant newSince = now.minus(config.newAccountAge());
                            if (firstSeen.toInstant().isBefore(newSince)) {
                                return Uni.createFrom().nullItem();
                            }
                            return session.createNativeQuery(
                                            "SELECT count(*) FROM battle_votes v JOIN profiles p ON p.user_id = v.user_id "
                                                    + "WHERE v.battle_id = ?1 AND v.cast_at > ?2 AND p.first_seen > ?3 "
                                                    + "AND v.user_id <> ?4",
                                            Long.class)
                                    .setParameter(1, battleId)
                                    .setParameter(
                                            2, now.minus(config.burstWindow()).atOffset(ZoneOffset.UTC))
                                    .setParameter(3, newSince.atOffset(ZoneOffset.UTC))
                                    .setParameter(4, userId)
                                    .getSingleResult()
                                    .map(recentNew -> recentNew >= config.newAccountBurst()
                                            ? "a burst of votes from new accounts"
                                            : null);
                        }));
    }

    /** The client address as stored with a vote: a hash, enough to compare and nothing more. */
    static String addressHash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
