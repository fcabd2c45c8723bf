package io.mashups.community.battle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A battle: its phases' times, how entries meet and are voted on, who judges, and the prizes. */
@Entity
@Table(name = "battles")
public class Battle extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    public String description;

    public String theme;

    /** As the clock last moved it (cancelled and completed are final). */
    @Column(nullable = false)
    public BattleStatus status;

    @Column(nullable = false)
    public BattleFormat format;

    @Column(nullable = false)
    public VotingMode voting;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "entries_end_at", nullable = false)
    public OffsetDateTime entriesEndAt;

    @Column(name = "voting_end_at", nullable = false)
    public OffsetDateTime votingEndAt;

    @Column(name = "community_weight", nullable = false)
    public double communityWeight;

    @Column(name = "judges_weight", nullable = false)
    public double judgesWeight;

    /** JSON array of the judging criteria's names. */
    @Column(nullable = false)
    public String criteria;

    /** JSON array of the credits each place wins, first place first. */
    @Column(nullable = false)
    public String prizes;

    /** The seed of the random draw that orders a bracket's unrated entrants (kept so the draw can be replayed). */
    @Column(name = "draw_seed")
    public Long drawSeed;

    /** A bracket's voting windows once it is seeded (0: too few entrants); null before, and for open battles. */
    @Column(name = "bracket_windows")
    public Integer bracketWindows;

    @Column(name = "decided_windows", nullable = false)
    public int decidedWindows;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The phase the times give at {@code now}; a cancelled or completed battle stays so. */
    public BattleStatus statusAt(Instant now) {
        if (status == BattleStatus.CANCELLED || status == BattleStatus.COMPLETED) {
            return status;
        }
        if (now.isBefore(startsAt.toInstant())) {
            return BattleStatus.UPCOMING;
        }
        if (now.isBefore(entriesEndAt.toInstant())) {
            return BattleStatus.ACTIVE;
        }
        return now.isBefore(votingEndAt.toInstant()) ? BattleStatus.VOTING : BattleStatus.COMPLETED;
    }

    public boolean isBracket() {
        return format != BattleFormat.OPEN;
    }

    /** When a bracket's voting window opens; {@code slot} = windows gives the end of voting. */
    public OffsetDateTime windowStart(int slot) {
        Duration voting = Duration.between(entriesEndAt, votingEndAt);
        return entriesEndAt.plus(voting.multipliedBy(slot).dividedBy(bracketWindows));
    }

    /** The bracket window open at {@code now}. */
    public int windowAt(Instant now) {
        Duration voting = Duration.between(entriesEndAt, votingEndAt);
        long elapsed = Duration.between(entriesEndAt.toInstant(), now).toNanos();
        return (int) Math.min(bracketWindows, Math.floorDiv(elapsed * bracketWindows, voting.toNanos()));
    }

    /** Whether counts, ranks and scores may be shown: always in open voting, after the decision in blind voting. */
    public boolean revealsResults() {
        return voting == VotingMode.OPEN || status == BattleStatus.COMPLETED;
    }
}
