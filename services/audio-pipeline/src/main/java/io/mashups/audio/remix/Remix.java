package io.mashups.audio.remix;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A remix begun, with the licence it keeps: the source's permissions as they were then. */
@Entity
@Table(name = "remixes")
public class Remix extends PanacheEntityBase {
    /** Also the id of the remix's studio project. */
    @Id
    public String id;

    @Column(name = "mashup_id", nullable = false)
    public String mashupId;

    @Column(name = "source_title", nullable = false)
    public String sourceTitle;

    @Column(name = "source_owner_id", nullable = false)
    public String sourceOwnerId;

    @Column(name = "remixer_id", nullable = false)
    public String remixerId;

    @Column(nullable = false)
    public String title;

    public boolean commercial;

    @Column(name = "allow_remix")
    public boolean allowRemix;

    @Column(name = "require_attribution")
    public boolean requireAttribution;

    @Column(name = "allow_commercial")
    public boolean allowCommercial;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    RemixPermissions licence() {
        return new RemixPermissions(allowRemix, requireAttribution, allowCommercial);
    }
}
