package io.mashups.community.challenge;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Generated;

/** A user's submission to a challenge and the engagement its mashup had since (live, and as of the freeze). */
@Entity
@Table(name = "challenge_entries")
public class ChallengeEntry extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "challenge_id", nullable = false)
    public String challengeId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "mashup_id", nullable = false)
    public String mashupId;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    @Column(nullable = false)
    public boolean early;

    public long plays;
    public long likes;
    public long shares;
    public long comments;

    @Column(name = "frozen_plays")
    public long frozenPlays;

    @Column(name = "frozen_likes")
    public long frozenLikes;

    @Column(name = "frozen_shares")
    public long frozenShares;

    @Column(name = "frozen_comments")
    public long frozenComments;

    /** The database computes both scores (db/migration V7): plays + likes x5 + shares x10 + comments x3 + 50 early. */
    @Generated
    @Column(insertable = false, updatable = false)
    public long score;

    @Generated
    @Column(name = "frozen_score", insertable = false, updatable = false)
    public long frozenScore;

    @Column(name = "final_rank")
    public Integer finalRank;
}
