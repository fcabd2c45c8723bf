package io.mashups.captions.track;

import io.mashups.jobs.JobStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The captions of one mashup: the newest request and its job, and the result in every format. */
@Entity
@Table(name = "caption_tracks")
public class CaptionTrack extends PanacheEntityBase {
    @Id
    @Column(name = "mashup_id")
    public String mashupId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "job_id", nullable = false)
    public String jobId;
    /** The newest request's job: queued, running, completed or failed. */
    @Column(nullable = false)
    public JobStatus status;

    public String language;

    @Column(name = "requested_language")
    public String requestedLanguage;

    public String lyrics;
    public String engine;

    @Column(name = "low_confidence")
    public boolean lowConfidence;
    /** JSON array of cues: start, end, lines, words. */
    public String cues;
    /** JSON array of the indexes of cues the speech left no room for. */
    public String crowded;

    public String srt;
    public String vtt;
    public String txt;
    public boolean edited;
    public String error;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
