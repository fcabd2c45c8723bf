package io.mashups.community.challenge;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A challenge: its window, when its board freezes and the early bonus ends, its stem pack and reward. */
@Entity
@Table(name = "challenges")
public class Challenge extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    public String description;

    public String theme;

    @Column(nullable = false)
    public ChallengeType type;

    /** JSON array of the uploads whose stems make the pack; null without one. */
    @Column(name = "stem_pack")
    public String stemPack;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    public OffsetDateTime endsAt;

    @Column(name = "freezes_at", nullable = false)
    public OffsetDateTime freezesAt;

    @Column(name = "early_until", nullable = false)
    public OffsetDateTime earlyUntil;

    /** As the clock last moved it (cancelled and completed are final). */
    @Column(nullable = false)
    public ChallengeStatus status;

    @Column(name = "reward_credits", nullable = false)
    public int rewardCredits;

    @Column(name = "reward_badge")
    public String rewardBadge;

    @Column(name = "from_rota", nullable = false)
    public boolean fromRota;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The status the times give at {@code now} (cancelled stays cancelled). */
    public ChallengeStatus statusAt(Instant now) {
        if (status == ChallengeStatus.CANCELLED) {
            return status;
        }
        if (!now.isBefore(endsAt.toInstant())) {
            return ChallengeStatus.COMPLETED;
        }
        return now.isBefore(startsAt.toInstant()) ? ChallengeStatus.UPCOMING : ChallengeStatus.ACTIVE;
    }

    /** Whether everyone sees the board as it was at the freeze (from the freeze until the final ranking). */
    public boolean frozenAt(Instant now) {
        return status != ChallengeStatus.COMPLETED && !now.isBefore(freezesAt.toInstant());
    }
}
