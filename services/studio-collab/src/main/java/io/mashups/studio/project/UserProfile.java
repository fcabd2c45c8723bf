package io.mashups.studio.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A user's name and picture as their latest token gave them. */
@Entity
@Table(name = "user_profiles")
public class UserProfile extends PanacheEntityBase {
    /** Inserts or refreshes a profile, writing only when something changed. */
    static final String REMEMBER =
            "INSERT INTO user_profiles (user_id, name, avatar, updated_at) VALUES (?1, ?2, ?3, now()) "
                    + "ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, avatar = excluded.avatar, updated_at = now() "
                    + "WHERE user_profiles.name IS DISTINCT FROM excluded.name "
                    + "OR user_profiles.avatar IS DISTINCT FROM excluded.avatar";

    @Id
    @Column(name = "user_id")
    public String userId;

    public String name;

    public String avatar;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
