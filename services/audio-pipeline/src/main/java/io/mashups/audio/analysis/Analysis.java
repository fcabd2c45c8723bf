package io.mashups.audio.analysis;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The stored music analysis of an upload; beat, downbeat and section times are JSON arrays of seconds. */
@Entity
@Table(name = "analyses")
public class Analysis extends PanacheEntityBase {
    @Id
    @Column(name = "upload_id")
    public String uploadId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    public double bpm;

    @Column(name = "tempo_confidence")
    public double tempoConfidence;

    @Column(nullable = false)
    public String beats;

    @Column(nullable = false)
    public String downbeats;

    @Column(name = "musical_key", nullable = false)
    public String musicalKey;

    @Column(nullable = false)
    public String camelot;

    @Column(name = "key_confidence")
    public double keyConfidence;

    @Column(name = "integrated_lufs")
    public double integratedLufs;

    @Column(name = "true_peak_dbtp")
    public double truePeakDbtp;

    @Column(nullable = false)
    public String sections;

    @Column(name = "duration_sec")
    public double durationSec;

    @Column(name = "analysed_at", nullable = false)
    public OffsetDateTime analysedAt;
}
