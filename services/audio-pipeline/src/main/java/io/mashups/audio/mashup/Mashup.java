package io.mashups.audio.mashup;

import io.mashups.messaging.mashups.Visibility;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A finished mashup; its id is the id of the job that rendered it, so a job can never make two. */
@Entity
@Table(name = "mashups")
public class Mashup extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    @Column(nullable = false)
    public String title;
    /** JSON array of upload ids. */
    @Column(name = "source_upload_ids", nullable = false)
    public String sourceUploadIds;

    @Column(name = "duration_sec")
    public double durationSec;

    public double bpm;

    @Column(name = "musical_key", nullable = false)
    public String musicalKey;

    @Column(nullable = false)
    public String format;

    @Column(name = "audio_key", nullable = false)
    public String audioKey;

    @Column(name = "waveform_key", nullable = false)
    public String waveformKey;

    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The cover template the owner chose (gradient until they choose). */
    @Column(name = "cover_template", nullable = false)
    public String coverTemplate;

    /** The studio project it was published from (a remix's has the remix's id); null for a generated one. */
    @Column(name = "project_id")
    public String projectId;

    /** The creator's name as their token gave it when they generated the mashup; null if it gave none. */
    @Column(name = "creator_name")
    public String creatorName;

    /** The generator's choices ({@code MixChoices} as JSON); null when no generator planned it. */
    public String mix;

    /** Whether {@code userId} may see it: the owner always, others when it is public or unlisted (by link). */
    public boolean visibleTo(String userId) {
        return ownerId.equals(userId) || visibility.readableByOthers();
    }
}
