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
    static final String REMEMBER =
            "INSERT INTO profiles (user_id, name, avatar, first_seen, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) "
                    + "ON CONFLICT (user_id) DO UPDATE SET name = COALESCE(excluded.name, profiles.name), "
                    + "avatar = COALESCE(excluded.avatar, profiles.avatar), updated_at = ?4 "
                    + "WHERE excluded.name IS NOT NULL AND profiles.name IS DISTINCT FROM excluded.name "
                    + "OR excluded.avatar IS NOT NULL AND profiles.avatar IS DISTINCT FROM excluded.avatar";

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
