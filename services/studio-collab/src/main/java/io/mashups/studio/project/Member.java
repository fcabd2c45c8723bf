package io.mashups.studio.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A user's role in a project: owner, editor (may change it) or viewer (may watch). */
@Entity
@Table(name = "project_members")
@IdClass(Member.Key.class)
public class Member extends PanacheEntityBase {
    public static final String OWNER = "owner";
    public static final String EDITOR = "editor";
    public static final String VIEWER = "viewer";

    @Id
    @Column(name = "project_id")
    public String projectId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String role;

    @Column(name = "invited_by")
    public String invitedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public boolean mayEdit() {
        return OWNER.equals(role) || EDITOR.equals(role);
    }

    public static class Key implements Serializable {
        public String projectId;
        public String userId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(projectId, key.projectId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, userId);
        }
    }
}
