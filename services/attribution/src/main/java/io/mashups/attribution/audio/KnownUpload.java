package io.mashups.attribution.audio;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An upload as audio-pipeline announced it (audio.upload-stored). */
@Entity
@Table(name = "uploads")
public class KnownUpload extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "duration_sec", nullable = false)
    public double durationSec;

    @Column(name = "stored_at", nullable = false)
    public OffsetDateTime storedAt;
}
