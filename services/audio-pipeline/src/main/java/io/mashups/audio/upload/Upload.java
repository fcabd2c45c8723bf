package io.mashups.audio.upload;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An audio file a user uploads to object storage; stored once ffprobe accepted it. */
@Entity
@Table(name = "uploads")
public class Upload extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(nullable = false)
    public UploadStatus status;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "duration_sec")
    public Double durationSec;

    @Column(name = "sample_rate")
    public Integer sampleRate;

    public Integer channels;
    public String codec;
    public String container;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
}
