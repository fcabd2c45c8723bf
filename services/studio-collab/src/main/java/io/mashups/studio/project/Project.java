package io.mashups.studio.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A studio project; {@code document} is the JSON project document, {@code sequence} the last op applied to it. */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String title;

    public double bpm;

    @Column(name = "musical_key")
    public String musicalKey;

    @Column(nullable = false)
    public String document;

    /** For a remix: its mashup, licence and credit (JSON); null otherwise. */
    public String remix;

    public long sequence;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
