package io.mashups.community.profile;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A user's public profile: name and picture from their latest token, the time zone they chose, when first seen. */
@Entity
@Table(name = "profiles")
public class Profile extends PanacheEntityBase {
    /**
     * Inserts a profile seen for the first time, or refreshes name and picture, writing only when a token brings a
     * new one (a token without them leaves what an earlier one gave). Times come from the service's clock, which
     * every rule reads (the database's clock may be a little ahead).
     */
    static final String REMEMBER = "SELECT remember_profile(?1, ?2, ?3, ?4)";

    @Id
    @Column(name = "user_id")
    public String userId;

    public String name;

    public String avatar;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "first_seen", nullable = false)
    public OffsetDateTime firstSeen;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
