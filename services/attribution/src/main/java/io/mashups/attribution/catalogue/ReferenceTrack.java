package io.mashups.attribution.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A track of the reference catalogue, with the fingerprint the index is built from. */
@Entity
@Table(name = "reference_tracks")
public class ReferenceTrack extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "track_no", nullable = false)
    public int trackNo;

    @Column(name = "upload_id", nullable = false)
    public String uploadId;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String artist;

    @Column(name = "duration_sec", nullable = false)
    public double durationSec;

    @Column(name = "vocal_fingerprint", nullable = false)
    public byte[] vocalFingerprint;

    @Column(name = "instrumental_fingerprint", nullable = false)
    public byte[] instrumentalFingerprint;

    public String chromaprint;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "removed_at")
    public OffsetDateTime removedAt;
}
