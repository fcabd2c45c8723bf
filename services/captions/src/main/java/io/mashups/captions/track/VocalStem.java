package io.mashups.captions.track;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Where a mashup's vocal stem is stored. */
@Entity
@Table(name = "vocal_stems")
public class VocalStem extends PanacheEntityBase {
    @Id
    @Column(name = "mashup_id")
    public String mashupId;

    @Column(name = "object_key", nullable = false)
    public String objectKey;
}
