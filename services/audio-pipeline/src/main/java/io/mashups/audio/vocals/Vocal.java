package io.mashups.audio.vocals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A finished AI vocal: its audio, and the upload that holds its vocal stem. Its id is its job's. */
@Entity
@Table(name = "vocals")
public class Vocal extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "upload_id", nullable = false)
    public String uploadId;

    @Column(name = "audio_key", nullable = false)
    public String audioKey;

    @Column(nullable = false)
    public String engine;

    @Column(name = "voice_id", nullable = false)
    public String voiceId;

    @Column(nullable = false)
    public String style;

    public double bpm;

    @Column(name = "musical_key", nullable = false)
    public String musicalKey;

    @Column(name = "duration_sec")
    public double durationSec;

    @Column(name = "mashup_id")
    public String mashupId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
