package io.mashups.messaging.mashups;

import io.mashups.events.EventJson;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A mashup as audio-pipeline announced it ({@code audio.mashup-rendered}, {@code audio.mashup-changed}) with its
 * latest Content ID verdict ({@code attribution.verdict}), kept by {@link MashupProjection} in the consuming service's
 * schema. A deleted mashup stays as a tombstone, so a late copy of an older event cannot bring it back; a row whose
 * render has not arrived yet (its change or verdict came first) has no audio.
 */
@Entity
@Table(name = "known_mashups")
public class KnownMashup extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    public String title;

    @Column(name = "audio_key")
    public String audioKey;

    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "duration_sec", nullable = false)
    public double durationSec;

    @Column(name = "rendered_at")
    public OffsetDateTime renderedAt;

    @Column(nullable = false)
    public boolean deleted;

    /** Null until attribution decided. */
    public ContentIdVerdict verdict;

    @Column(name = "verdict_at")
    public OffsetDateTime verdictAt;

    /** JSON array of the uploads the mashup was made from (audio-pipeline's sources); null until rendered. */
    public String sources;

    /** The uploads the mashup was made from (empty until rendered). */
    public List<String> sourceUploadIds() {
        if (sources == null) {
            return List.of();
        }
        return List.of(EventJson.read(sources.getBytes(StandardCharsets.UTF_8), String[].class));
    }

    /** Rendered and not deleted: a mashup that exists. */
    public boolean live() {
        return audioKey != null && !deleted;
    }

    public boolean ownedBy(String userId) {
        return live() && ownerId.equals(userId);
    }

    /** The owner always; anyone else unless it is private (as audio-pipeline serves the mashup itself). */
    public boolean readableBy(String userId) {
        return live() && (ownerId.equals(userId) || visibility.readableByOthers());
    }

    public boolean blocked() {
        return verdict == ContentIdVerdict.BLOCKED;
    }

    /** The mashup if it exists (rendered, not deleted); null otherwise. */
    public static Uni<KnownMashup> live(String id) {
        return KnownMashup.<KnownMashup>findById(id).map(mashup -> mashup != null && mashup.live() ? mashup : null);
    }
}
