package io.mashups.community.battle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A mashup entered in a battle by its owner; withdrawn when the mashup is deleted or blocked. */
@Entity
@Table(name = "battle_entries")
public class BattleEntry extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "battle_id", nullable = false)
    public String battleId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "mashup_id", nullable = false)
    public String mashupId;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    /** The order entries came in (the database numbers them). */
    @Column(insertable = false, updatable = false)
    public Long arrival;

    /** Its seed in a bracket, from when voting starts. */
    public Integer seed;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    @Column(name = "withdrawn_reason")
    public String withdrawnReason;

    public boolean standing() {
        return withdrawnAt == null;
    }
}
