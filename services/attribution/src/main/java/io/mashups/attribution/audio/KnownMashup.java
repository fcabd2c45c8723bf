package io.mashups.attribution.audio;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A rendered mashup as audio-pipeline announced it (audio.mashup-rendered). */
@Entity
@Table(name = "mashups")
public class KnownMashup extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    public String title;

    @Column(name = "audio_key", nullable = false)
    public String audioKey;

    @Column(name = "duration_sec", nullable = false)
    public double durationSec;

    @Column(name = "rendered_at", nullable = false)
    public OffsetDateTime renderedAt;
}
