package io.mashups.attribution.matching;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A reference track found in an upload or mashup (the seed plan's attribution_sources): where, how stretched and
 * shifted, how sure; {@code fingerprintMatch} for landmark matches, {@code verified} once AcoustID/MusicBrainz named
 * the same recording.
 */
@Entity
@Table(name = "attribution_sources")
public class AttributionSource extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "reference_id", nullable = false)
    public String referenceId;

    @Column(name = "claim_id")
    public String claimId;

    @Column(name = "source_title", nullable = false)
    public String title;

    @Column(name = "source_artist", nullable = false)
    public String artist;

    @Column(nullable = false)
    public int confidence;

    @Column(name = "query_start_sec", nullable = false)
    public double queryStartSec;

    @Column(name = "query_end_sec", nullable = false)
    public double queryEndSec;

    @Column(name = "reference_start_sec", nullable = false)
    public double referenceStartSec;

    @Column(name = "reference_end_sec", nullable = false)
    public double referenceEndSec;

    @Column(nullable = false)
    public double tempo;

    @Column(name = "shift_semitones", nullable = false)
    public double shiftSemitones;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "fingerprint_match", nullable = false)
    public boolean fingerprintMatch;
}
