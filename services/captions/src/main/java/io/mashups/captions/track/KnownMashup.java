package io.mashups.captions.track;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A mashup as audio-pipeline announced it. */
@Entity
@Table(name = "mashups")
public class KnownMashup extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "audio_key", nullable = false)
    public String audioKey;

    @Column(nullable = false)
    public String visibility;

    @Column(name = "duration_sec")
    public double durationSec;

    @Column(name = "rendered_at", nullable = false)
    public OffsetDateTime renderedAt;

    /** The owner always; anyone else only when it was public. */
    public boolean readableBy(String userId) {
        return ownerId.equals(userId) || "public".equals(visibility);
    }
}
